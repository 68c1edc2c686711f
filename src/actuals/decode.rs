//! Turning a file's bytes into text: UTF-8 (with or without a BOM), UTF-16
//! with a BOM, or GB18030/GBK as Excel saves CSV on Chinese Windows.
//!
//! Detection never guesses in silence. GB18030 is chosen only for a file
//! that is not UTF-8 at all, decodes as GB18030 without a single bad byte,
//! and reads as Chinese text; a note then says so. A UTF-8 file with a
//! stray fragment in another encoding, or a file in some other encoding
//! (Big5, Latin-1), is an error naming the first bad line.

use crate::msg::Text;
use encoding_rs::{GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// A text encoding that can be forced with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GB18030 (a superset of GBK), as Excel writes on Chinese Windows.
    Gb18030,
    /// UTF-16, little-endian unless a byte-order mark says otherwise.
    Utf16,
}

/// Decoded text, and whether it was detected as GB18030 (worth a note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// Whether the text was detected (not forced) as GB18030.
    pub detected_gb18030: bool,
}

/// Decodes a file's bytes to text, or says why it cannot be read as text.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, Text> {
    let plain = |text: String| Decoded {
        text,
        detected_gb18030: false,
    };
    let (bom_enc, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let body = bytes.get(bom_len..).unwrap_or_default();
    if let Some(forced) = forced {
        let enc = match forced {
            Encoding::Utf8 => UTF_8,
            Encoding::Gb18030 => GB18030,
            Encoding::Utf16 if bom_enc == Some(UTF_16BE) => UTF_16BE,
            Encoding::Utf16 => UTF_16LE,
        };
        return strict(enc, body).map(plain).ok_or_else(|| {
            let name = enc.name();
            crate::tr!(
                "不是有效的{name}文本（由 --encoding 指定）",
                "is not valid {name} (forced by --encoding)"
            )
        });
    }
    if let Some(enc) = bom_enc {
        return strict(enc, body).map(plain).ok_or_else(|| {
            let name = enc.name();
            crate::tr!(
                "以{name}字节顺序标记开头，却不是有效的{name}文本",
                "starts with a {name} byte-order mark but is not valid {name}"
            )
        });
    }
    if body.contains(&0) {
        return Err(crate::tr!(
            "不是文本文件（含有NUL字节）；请把表格另存为CSV",
            "is not a text file (it contains NUL bytes); save the sheet as CSV"
        ));
    }
    let bad_at = match std::str::from_utf8(body) {
        Ok(text) => return Ok(plain(text.to_string())),
        Err(e) => e.valid_up_to(),
    };
    let line = line_of(body, bad_at);
    if mostly_utf8(body) {
        return Err(crate::tr!(
            "是UTF-8文本，但第{line}行有非UTF-8字节（从其他编码粘贴的片段？）；请修正这一行，或给出 --encoding",
            "is UTF-8 text, but line {line} holds bytes that are not UTF-8 (a fragment pasted from another encoding?); fix that line, or pass --encoding"
        ));
    }
    match strict(GB18030, body) {
        Some(text) if reads_as_chinese(&text) => Ok(Decoded {
            text,
            detected_gb18030: true,
        }),
        _ => Err(crate::tr!(
            "既不是UTF-8也不是GBK/GB18030文本（第一个非UTF-8字节在第{line}行）；请把表格另存为CSV（UTF-8），或给出 --encoding",
            "is neither UTF-8 nor GBK/GB18030 text (the first byte that is not UTF-8 is on line {line}); save the sheet as CSV (UTF-8), or pass --encoding"
        )),
    }
}

/// [`decode`] on bytes it may keep: UTF-8 text, by far the most common,
/// becomes the text without a copy.
pub fn decode_owned(mut bytes: Vec<u8>, forced: Option<Encoding>) -> Result<Decoded, Text> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = bytes.starts_with(UTF8_BOM);
    let plain_utf8 = match forced {
        None => bom || (encoding_rs::Encoding::for_bom(&bytes).is_none() && !bytes.contains(&0)),
        Some(Encoding::Utf8) => true,
        Some(_) => false,
    };
    if plain_utf8
        && std::str::from_utf8(bytes.get(if bom { 3.. } else { 0.. }).unwrap_or_default()).is_ok()
    {
        if bom {
            bytes.drain(..3);
        }
        if let Ok(text) = String::from_utf8(bytes) {
            return Ok(Decoded {
                text,
                detected_gb18030: false,
            });
        }
        return Err(crate::tr!("不是有效的UTF-8文本", "is not valid UTF-8"));
    }
    decode(&bytes, forced)
}

fn strict(enc: &'static encoding_rs::Encoding, body: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(body)
        .map(|c| c.into_owned())
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

/// Whether the bytes hold at least as many well-formed multi-byte UTF-8
/// characters as malformed sequences: UTF-8 text with a stray fragment. A
/// GBK file has a few byte pairs that happen to be well-formed UTF-8 (值 is
/// D6 B5) but far more that are not.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good >= bad
}

/// Whether every non-ASCII character is one a Chinese statistics sheet
/// holds: CJK ideographs, CJK and full-width punctuation, general
/// punctuation, and the common symbols (℃, №, ①, Ⅳ, ㎡, ≥, ×). Big5 or
/// Latin-1 bytes decoded as GB18030 give kana, Cyrillic or box drawing.
fn reads_as_chinese(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || matches!(c,
                '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
                | '\u{3400}'..='\u{4DBF}' // extension A
                | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
                | '\u{FF00}'..='\u{FFEF}' // full-width forms
                | '\u{2000}'..='\u{206F}' // general punctuation
                | '\u{2100}'..='\u{218F}' // letter-like symbols, Roman numerals
                | '\u{2190}'..='\u{22FF}' // arrows, mathematical operators
                | '\u{2460}'..='\u{24FF}' // enclosed numbers
                | '\u{3200}'..='\u{33FF}' // enclosed CJK, CJK compatibility (㎡)
                | '\u{00B0}' | '\u{00B1}' | '\u{00B7}' | '\u{00D7}' | '\u{00F7}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Result<String, String> {
        decode(bytes, None)
            .map(|d| d.text)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn detects_bom_utf8_utf16_and_gbk() {
        let t = "指标,年份,数值\n地区生产总值增速,2022,值\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(t.as_bytes());
        assert_eq!(text(&bom).as_deref(), Ok(t));
        let (gbk, _, _) = encoding_rs::GBK.encode(t);
        let decoded = decode(&gbk, None).expect("gbk");
        assert_eq!(decoded.text, t);
        assert!(decoded.detected_gb18030);
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in t.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(text(&utf16).as_deref(), Ok(t));
        assert!(text(&[0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]).is_err());
    }

    #[test]
    fn a_utf8_file_with_a_gbk_fragment_is_refused_at_its_line() {
        let mut bytes = "指标,年份,数值\n传统汽车产业规模,2021,1300\n"
            .as_bytes()
            .to_vec();
        let (gbk, _, _) = encoding_rs::GBK.encode("备注");
        bytes.extend_from_slice(b"x,2022,");
        bytes.extend_from_slice(&gbk);
        bytes.push(b'\n');
        let err = text(&bytes).expect_err("refused");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn big5_and_latin1_are_not_taken_for_gbk() {
        let (big5, _, _) = encoding_rs::BIG5.encode("指標,年份,數值\n國內生產總值,2022,5\n");
        assert!(text(&big5).is_err());
        let latin1 = b"indicator,year,value,note\nx,2022,5,caf\xe9\n";
        assert!(text(latin1).is_err());
    }

    #[test]
    fn owned_decoding_agrees_with_decoding() {
        let (gbk, _, _) = encoding_rs::GBK.encode("指标\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("指标\n".as_bytes());
        let cases: [&[u8]; 5] = [b"a,b\n", &bom, &gbk, b"a\0b", b"\xFF\xFEa\0"];
        for bytes in cases {
            for forced in [None, Some(Encoding::Utf8), Some(Encoding::Gb18030)] {
                assert_eq!(
                    decode_owned(bytes.to_vec(), forced),
                    decode(bytes, forced),
                    "{bytes:?} {forced:?}"
                );
            }
        }
    }

    #[test]
    fn forcing_an_encoding_overrides_detection() {
        let (gbk, _, _) = encoding_rs::GBK.encode("指标\n");
        assert!(decode(&gbk, Some(Encoding::Utf8)).is_err());
        assert_eq!(
            decode(&gbk, Some(Encoding::Gb18030)).map(|d| d.detected_gb18030),
            Ok(false)
        );
    }
}
