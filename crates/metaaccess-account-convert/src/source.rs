//! What a conversion starts from and produces: sealed traits over the models of every version,
//! [`AnyAccountDetails`], and earlier conversions' outcomes.

use metaaccess_account::{AnyAccountDetails, ApiVersion, Document, ParseError};
use serde_json::{Map, Value};

use crate::outcome::{Outcome, Partial};
use crate::work::Work;

mod sealed {
    pub trait Sealed {}
}

/// Anything a conversion can start from: a response model of any version, an
/// [`AnyAccountDetails`], or the [`Outcome`]/[`Partial`] of an earlier conversion.
pub trait Source: sealed::Sealed {
    #[doc(hidden)]
    fn work(&self) -> Work;
}

/// A type a conversion can produce: a response model of any version, or [`AnyAccountDetails`].
pub trait Target: sealed::Sealed + Sized {
    #[doc(hidden)]
    fn from_complete(version: ApiVersion, doc: &Value) -> Result<Self, ParseError>;
    #[doc(hidden)]
    fn to_json(&self) -> Value;
    #[doc(hidden)]
    fn api_version(&self) -> ApiVersion;
}

fn work_of(version: ApiVersion, value: Value) -> Work {
    let doc = match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Work::new(version, doc)
}

macro_rules! model {
    ($($v:ident),+) => {$(
        use metaaccess_account::$v;
        impl sealed::Sealed for $v::AccountDetails {}

        impl Source for $v::AccountDetails {
            fn work(&self) -> Work {
                work_of(<Self as Document>::VERSION, self.to_json())
            }
        }

        impl Target for $v::AccountDetails {
            fn from_complete(_: ApiVersion, doc: &Value) -> Result<Self, ParseError> {
                // Lenient: an undocumented enum value copied from the source stays as it was.
                Self::from_json_value(doc).map(|p| p.value)
            }
            fn to_json(&self) -> Value {
                serde_json::to_value(self).unwrap_or(Value::Null)
            }
            fn api_version(&self) -> ApiVersion {
                <Self as Document>::VERSION
            }
        }
    )+};
}

/// `model!` for every module of the version table.
macro_rules! every_model {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        model!($($module),+);
    };
}

metaaccess_account::api_versions!(every_model);

impl sealed::Sealed for AnyAccountDetails {}

impl Source for AnyAccountDetails {
    fn work(&self) -> Work {
        work_of(self.version(), self.to_json_value())
    }
}

impl Target for AnyAccountDetails {
    fn from_complete(version: ApiVersion, doc: &Value) -> Result<Self, ParseError> {
        Self::from_json_value(version, doc).map(|p| p.value)
    }
    fn to_json(&self) -> Value {
        self.to_json_value()
    }
    fn api_version(&self) -> ApiVersion {
        self.version()
    }
}

impl<T> sealed::Sealed for Partial<T> {}

impl<T> Source for Partial<T> {
    fn work(&self) -> Work {
        self.work_ref().clone()
    }
}

impl<T> sealed::Sealed for Outcome<T> {}

impl<T: Source> Source for Outcome<T> {
    fn work(&self) -> Work {
        match self {
            Self::Complete(t) => t.work(),
            Self::Partial(p) => Source::work(p),
        }
    }
}

impl<T: Source + ?Sized> sealed::Sealed for &T {}

impl<T: Source + ?Sized> Source for &T {
    fn work(&self) -> Work {
        (**self).work()
    }
}
