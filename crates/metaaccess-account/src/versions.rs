//! Per-version modules and dispatch, generated from the one version table
//! ([`metaaccess_account_core::api_versions!`]): nothing here names a version.

use crate::{ApiVersion, Endpoint};

/// The request body model of a version, or `None` for versions without one.
#[cfg(feature = "schema")]
macro_rules! request_schema_of {
    ($module:ident, $dialect:ident) => {
        None
    };
    ($module:ident, $dialect:ident, $Req:ident) => {
        Some(metaaccess_account_core::schema::document_schema_in::<
            $module::$Req,
        >($dialect))
    };
}

macro_rules! has_request {
    () => {
        false
    };
    ($Req:ident) => {
        true
    };
}

/// `pub use` of the last module of a list.
macro_rules! latest_module {
    ($module:ident) => {
        /// The newest version's module (the last line of the version table): the shape that
        /// conversions upgrade to.
        pub use $module as latest;
    };
    ($module:ident, $($rest:ident),+) => {
        latest_module!($($rest),+);
    };
}

macro_rules! generate_versions {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        $(
            $(#[$doc])*
            pub use ::$krate as $module;
        )+

        latest_module!($($module),+);

        /// Endpoint metadata of a version (method, path, token placement, rate limit, doc date,
        /// change note), as its version module declares it.
        pub fn endpoint(version: ApiVersion) -> &'static Endpoint {
            match version {
                $(ApiVersion::$V => &$module::ENDPOINT,)+
            }
        }

        /// The example responses OPSWAT published for a version, as JSON text (embedded in its
        /// schema's `examples`).
        pub fn doc_examples(version: ApiVersion) -> &'static [&'static str] {
            use crate::Document;
            match version {
                $(ApiVersion::$V => $module::AccountDetails::DOC_EXAMPLES,)+
            }
        }

        /// Whether a version's request has a JSON body (a model `AccountDetailsRequest`).
        pub fn has_request_body(version: ApiVersion) -> bool {
            match version {
                $(ApiVersion::$V => has_request!($($Req)?),)+
            }
        }

        /// The published schema of a version's response in a dialect.
        #[cfg(feature = "schema")]
        pub fn response_schema_in(
            version: ApiVersion,
            dialect: crate::Dialect,
        ) -> serde_json::Value {
            match version {
                $(ApiVersion::$V => metaaccess_account_core::schema::document_schema_in::<
                    $module::AccountDetails,
                >(dialect),)+
            }
        }

        /// The published schema of a version's request body in a dialect, for versions that
        /// have one.
        #[cfg(feature = "schema")]
        pub fn request_schema_in(
            version: ApiVersion,
            dialect: crate::Dialect,
        ) -> Option<serde_json::Value> {
            match version {
                $(ApiVersion::$V => request_schema_of!($module, dialect $(, $Req)?),)+
            }
        }

    };
}

metaaccess_account_core::api_versions!(generate_versions);
