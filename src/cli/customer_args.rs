//! The arguments of `kefu customer ...`.

use clap::{Args, Subcommand};

/// `kefu customer ...`.
#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer; prints its code
    Add(Box<CustomerAddArgs>),
    /// List customers by grade, then name
    List(CustomerListArgs),
    /// The quarterly check of customer data: files nobody confirmed for --days
    Check {
        /// Days since the last confirmation
        #[arg(long, default_value_t = crate::domain::customer::DATA_CHECK_DAYS)]
        days: u32,
    },
    /// Confirm a file's data is current (the quarterly check)
    Confirm {
        /// Customer code
        code: String,
    },
    /// Show a customer's file with contacts and history
    Show {
        /// Customer code
        code: String,
    },
    /// Change a customer's file: each flag given replaces its field ("" clears it)
    Edit(Box<CustomerEditArgs>),
    /// The custom fields every file has (an administrator defines them)
    #[command(subcommand)]
    Field(super::customer_field::FieldCmd),
    /// Import customer files from a spreadsheet (xlsx, xls, ods or csv in UTF-8 or GBK):
    /// a known code updates its file, a new one adds a file; all rows or none
    Import(CustomerImportArgs),
    /// Write an empty import template (xlsx): headings in your language, required ones marked
    Template {
        /// The workbook to write
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Export customer files to xlsx or csv (the same columns import reads back)
    Export(CustomerExportArgs),
}

/// `kefu customer import`.
#[derive(Debug, Args)]
pub struct CustomerImportArgs {
    /// The spreadsheet: .xlsx, .xls, .ods or .csv
    pub file: std::path::PathBuf,
    /// Check every row and say what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and write the rejected ones, each with its reason, to --rejects
    #[arg(long)]
    pub skip_invalid: bool,
    /// Where --skip-invalid writes the rejected rows [default: FILE.rejected.xlsx]
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<std::path::PathBuf>,
}

/// `kefu customer export`.
#[derive(Debug, Args)]
pub struct CustomerExportArgs {
    /// xlsx or csv
    #[arg(long, value_parser = ["xlsx", "csv"], default_value = "xlsx")]
    pub format: String,
    /// The file to write
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Which files, in which order: the filters of `customer list`
    #[command(flatten)]
    pub filters: CustomerListArgs,
}

/// `kefu customer list`.
#[derive(Debug, Args)]
pub struct CustomerListArgs {
    /// Only this grade (A, B, C or D)
    #[arg(long)]
    pub grade: Option<String>,
    /// Only customers of this key-account manager
    #[arg(long)]
    pub kam: Option<String>,
    /// Only files where a field (declared or custom) has this value: "FIELD=VALUE" (repeatable)
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Only files missing a required item
    #[arg(long)]
    pub incomplete: bool,
    /// Sort by a field (declared or custom) or by "completeness"
    #[arg(long, value_name = "FIELD")]
    pub sort: Option<String>,
    /// Reverse the sort
    #[arg(long)]
    pub desc: bool,
}

/// What `customer add` and `customer edit` say beyond the declared fields.
#[derive(Debug, Args)]
pub struct FileExtras {
    /// A custom field's value: "NAME=VALUE" ("NAME=" clears it; repeatable)
    #[arg(long = "custom", value_name = "NAME=VALUE")]
    pub custom: Vec<String>,
    /// A product the customer buys: "NAME" or "NAME=SPEC" (adds it or changes its spec; repeatable)
    #[arg(long = "product", value_name = "NAME[=SPEC]")]
    pub products: Vec<String>,
}

/// `kefu customer edit`.
#[derive(Debug, Args)]
pub struct CustomerEditArgs {
    /// Customer code
    pub code: String,
    /// The fields to change, one flag each
    #[command(flatten)]
    pub fields: super::fields::Changes<crate::domain::customer::CustomerFields>,
    /// Why the grade changes (kept in the grade history)
    #[arg(long)]
    pub basis: Option<String>,
    /// Custom fields and products
    #[command(flatten)]
    pub extras: FileExtras,
    /// Take a product off the file (repeatable)
    #[arg(long = "drop-product", value_name = "NAME")]
    pub drop_products: Vec<String>,
}

/// `kefu customer add`.
#[derive(Debug, Args)]
pub struct CustomerAddArgs {
    /// Customer code [default: the next C#####]
    #[arg(long)]
    pub code: Option<String>,
    /// The file's fields, one flag each, from the customer declaration
    #[command(flatten)]
    pub fields: super::fields::FieldArgs<crate::domain::customer::CustomerFields>,
    /// A contact: "NAME[,ROLE[,PHONE[,EMAIL[,WECHAT[,LINE]]]]]", ROLE one of kam|purchasing|finance|technical|other or its label (repeatable; kefu contact add gives every field)
    #[arg(long = "contact", value_name = "CONTACT")]
    pub contacts: Vec<String>,
    /// Custom fields and products
    #[command(flatten)]
    pub extras: FileExtras,
}
