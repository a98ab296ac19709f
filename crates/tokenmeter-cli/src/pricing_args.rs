//! Options shared by the pricing commands (`cost`, `preflight`, `compare`): the catalog with
//! an optional price file, the date, the variant, and token-count arguments.

use std::borrow::Cow;

use tokenmeter::{Catalog, CostOptions, Error, Result, Timestamp, Variant};

#[derive(clap::Args, Debug, Clone)]
pub struct PricingArgs {
    /// Price the call with the prices in effect on DATE (YYYY-MM-DD, or an RFC 3339 date-time
    /// for off-peak windows); default today (UTC).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Use batch prices (same as --variant batch).
    #[arg(long, conflicts_with = "variant")]
    pub batch: bool,
    /// standard, batch, flex or priority.
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// A price file to apply over the bundled prices: LiteLLM's
    /// model_prices_and_context_window.json, or a tokenmeter override file.
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

impl PricingArgs {
    /// The bundled catalog, or a copy with the price file applied.
    pub fn catalog(&self) -> Result<Cow<'static, Catalog>> {
        match &self.prices {
            None => Ok(Cow::Borrowed(Catalog::bundled())),
            Some(path) => {
                let mut catalog = Catalog::bundled().clone();
                let effective = match &self.at {
                    Some(at) => at.parse::<Timestamp>()?.date_string(),
                    None => "1970-01-01".to_string(),
                };
                catalog.load_price_file(path, &effective)?;
                Ok(Cow::Owned(catalog))
            }
        }
    }

    /// The cost options these arguments describe.
    pub fn options(&self) -> Result<CostOptions> {
        let mut options = CostOptions::new();
        if let Some(at) = &self.at {
            options = options.with_at(at.parse()?);
        }
        if self.batch {
            options = options.with_variant(Variant::Batch);
        } else if let Some(v) = &self.variant {
            options = options.with_variant(v.parse()?);
        }
        Ok(options)
    }
}

/// A token count given on the command line: a whole number, never negative.
pub fn tokens(flag: &str, value: &str) -> Result<u64> {
    value.trim().parse::<u64>().map_err(|_| Error::InvalidUsage {
        reason: format!("{flag} must be a whole, non-negative number of tokens, got `{value}`"),
    })
}
