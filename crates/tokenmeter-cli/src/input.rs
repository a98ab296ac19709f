//! Reading the files and standard input that commands are given.

use std::io::Read;

use tokenmeter::{Catalog, Error, Model, Result, Tokenizer};

/// Reads `path` (`-` for standard input) as UTF-8 text.
pub fn read_text(path: &str) -> Result<String> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| Error::InvalidInput {
        reason: format!(
            "{} is not valid UTF-8 (first bad byte at offset {})",
            display(path),
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Reads `path` (`-` for standard input) as bytes.
pub fn read_bytes(path: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    res.map_err(|e| Error::Io { path: display(path), reason: e.to_string() })?;
    Ok(bytes)
}

fn display(path: &str) -> String {
    if path == "-" { "standard input".to_string() } else { path.to_string() }
}

/// The tokenizer chosen by `--encoding` or `--model` (o200k_base when neither is given), and the
/// model when one was named.
pub fn tokenizer_for(
    encoding: Option<&str>,
    model: Option<&str>,
) -> Result<(Tokenizer, Option<&'static Model>)> {
    match (encoding, model) {
        (Some(enc), _) => Ok((Tokenizer::from_encoding_name(enc)?, None)),
        (None, Some(name)) => {
            let model = Catalog::bundled().get(name)?;
            Ok((model.tokenizer()?, Some(model)))
        }
        (None, None) => Ok((Tokenizer::from_encoding(tokenmeter::Encoding::O200kBase), None)),
    }
}
