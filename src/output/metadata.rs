//! Photos lose their metadata on the way out: EXIF (GPS position, camera
//! owner, capture time), XMP (people tagged in the picture), IPTC and text
//! comments can all be personal data that nobody consented to publish. The
//! pixels, the colour profile and the orientation stay.

use img_parts::jpeg::{markers, Jpeg, JpegSegment};
use img_parts::png::{Png, PngChunk};
use img_parts::webp::{WebP, CHUNK_XMP};
use img_parts::{Bytes, ImageEXIF};

/// Whether a file of this name is a picture whose metadata is removed.
pub fn is_photo(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
}

/// `bytes` without metadata, or `None` when there is none to remove (or the
/// file cannot be read as the picture its name says: it is then copied as is).
pub fn without_metadata(rel: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    let bytes = Bytes::copy_from_slice(bytes);
    match ext.as_str() {
        "jpg" | "jpeg" => jpeg(bytes),
        "png" => png(bytes),
        "webp" => webp(bytes),
        _ => None,
    }
}

fn jpeg(bytes: Bytes) -> Option<Vec<u8>> {
    let mut jpeg = Jpeg::from_bytes(bytes).ok()?;
    let orientation = jpeg.exif().and_then(orientation);
    // APP1: EXIF and XMP; APP13: IPTC; COM: comments. APP0 (JFIF), APP2
    // (colour profile) and APP14 (Adobe colour transform) are needed to show it.
    let removable = |m: u8| matches!(m, markers::APP1 | markers::APP13 | markers::COM);
    if !jpeg.segments().iter().any(|s| removable(s.marker())) {
        return None;
    }
    let segments = jpeg.segments_mut();
    segments.retain(|s| !removable(s.marker()));
    if let Some(o) = orientation {
        // After JFIF, where cameras put it.
        let at = usize::from(
            segments
                .first()
                .is_some_and(|s| s.marker() == markers::APP0),
        );
        let mut contents = b"Exif\0\0".to_vec();
        contents.extend_from_slice(&orientation_only(o));
        segments.insert(
            at,
            JpegSegment::new_with_contents(markers::APP1, Bytes::from(contents)),
        );
    }
    Some(jpeg.encoder().bytes().to_vec())
}

fn png(bytes: Bytes) -> Option<Vec<u8>> {
    let mut png = Png::from_bytes(bytes).ok()?;
    let orientation = png.exif().and_then(orientation);
    const REMOVABLE: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"];
    if !png.chunks().iter().any(|c| REMOVABLE.contains(&c.kind())) {
        return None;
    }
    let chunks = png.chunks_mut();
    chunks.retain(|c| !REMOVABLE.contains(&c.kind()));
    if let Some(o) = orientation {
        // Right after the header, before the image data.
        let at = chunks.len().min(1);
        chunks.insert(at, PngChunk::new(*b"eXIf", orientation_only(o)));
    }
    Some(png.encoder().bytes().to_vec())
}

fn webp(bytes: Bytes) -> Option<Vec<u8>> {
    let mut webp = WebP::from_bytes(bytes).ok()?;
    let exif = webp.exif();
    if exif.is_none() && !webp.has_chunk(CHUNK_XMP) {
        return None;
    }
    let orientation = exif.and_then(orientation);
    webp.remove_chunks_by_id(CHUNK_XMP);
    webp.set_exif(orientation.map(orientation_only));
    Some(webp.encoder().bytes().to_vec())
}

/// The EXIF orientation (2–8) when the picture is to be shown turned.
fn orientation(exif: Bytes) -> Option<u16> {
    let exif = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    let value = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)?
        .value
        .get_uint(0)?;
    u16::try_from(value).ok().filter(|o| (2..=8).contains(o))
}

/// A TIFF structure holding nothing but the orientation.
fn orientation_only(orientation: u16) -> Bytes {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2a"); // big-endian TIFF
    tiff.extend_from_slice(&8u32.to_be_bytes()); // the first IFD follows
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry:
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation,
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT,
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value,
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // padded to four bytes
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    Bytes::from(tiff)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An EXIF block with the orientation and a GPS-like string that must go.
    fn exif_with(orientation: u16) -> Bytes {
        let mut tiff = orientation_only(orientation).to_vec();
        tiff.extend_from_slice(b"Ivanova Maria, 55.7558 N 37.6173 E");
        Bytes::from(tiff)
    }

    fn tiny_jpeg() -> Vec<u8> {
        // SOI, APP0 JFIF, COM, a minimal frame and scan, EOI.
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xE0, 0, 16]);
        j.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        j.extend_from_slice(&[0xFF, 0xFE, 0, 9]);
        j.extend_from_slice(b"Camera!");
        j.extend_from_slice(&[
            0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, // SOF0 1x1, one component
            0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, // SOS
            0x12, 0x34, // entropy-coded data
            0xFF, 0xD9,
        ]);
        j
    }

    #[test]
    fn jpeg_loses_exif_xmp_and_comments_but_keeps_its_orientation() {
        let mut jpeg = Jpeg::from_bytes(Bytes::from(tiny_jpeg())).unwrap();
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&exif_with(6));
        jpeg.segments_mut().insert(
            1,
            JpegSegment::new_with_contents(markers::APP1, Bytes::from(app1)),
        );
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Ivanova Maria</x:xmpmeta>";
        jpeg.segments_mut().insert(
            1,
            JpegSegment::new_with_contents(markers::APP1, Bytes::from_static(xmp)),
        );
        let with = jpeg.encoder().bytes().to_vec();
        let without = without_metadata("img/a.JPG", &with).expect("something removed");
        let text = String::from_utf8_lossy(&without);
        assert!(!text.contains("Ivanova"), "{text}");
        assert!(!text.contains("Camera!"), "{text}");
        let back = Jpeg::from_bytes(Bytes::from(without.clone())).unwrap();
        assert_eq!(back.exif().and_then(orientation), Some(6));
        assert!(back.segments().iter().any(|s| s.marker() == markers::APP0));
        assert!(without.ends_with(&[0x12, 0x34, 0xFF, 0xD9]));
        // A second pass finds nothing more to remove but the orientation block.
        let again = without_metadata("a.jpg", &without).unwrap();
        assert_eq!(again, without);
    }

    #[test]
    fn upright_jpeg_without_metadata_is_left_alone() {
        let mut j = tiny_jpeg();
        // Drop the comment: then there is nothing to remove.
        let at = j.windows(2).position(|w| w == [0xFF, 0xFE]).unwrap();
        j.drain(at..at + 11);
        assert_eq!(without_metadata("a.jpg", &j), None);
        let mut jpeg = Jpeg::from_bytes(Bytes::from(j)).unwrap();
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&exif_with(1));
        jpeg.segments_mut().insert(
            1,
            JpegSegment::new_with_contents(markers::APP1, Bytes::from(app1)),
        );
        let out = without_metadata("a.jpg", &jpeg.encoder().bytes()).unwrap();
        let back = Jpeg::from_bytes(Bytes::from(out)).unwrap();
        assert_eq!(back.exif(), None, "orientation 1 needs no block");
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            PngChunk::new(*kind, Bytes::copy_from_slice(data))
                .encoder()
                .bytes()
                .to_vec()
        };
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"Author\0Ivanova Maria"));
        png.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0x60, 0, 0, 0, 2, 0, 1]));
        png.extend(chunk(b"IEND", &[]));
        let out = without_metadata("foto.png", &png).unwrap();
        assert!(!String::from_utf8_lossy(&out).contains("Ivanova"));
        let back = Png::from_bytes(Bytes::from(out)).unwrap();
        let kinds: Vec<[u8; 4]> = back.chunks().iter().map(|c| c.kind()).collect();
        assert_eq!(kinds, vec![*b"IHDR", *b"IDAT", *b"IEND"]);
    }

    #[test]
    fn what_is_not_a_picture_is_copied_as_is() {
        assert_eq!(without_metadata("a.jpg", b"not a jpeg"), None);
        assert_eq!(without_metadata("a.pdf", b"%PDF"), None);
        assert!(is_photo("img/A.JPEG") && is_photo("x.webp") && !is_photo("x.svg"));
    }
}
