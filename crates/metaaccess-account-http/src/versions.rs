//! One module per version, generated from the version table
//! ([`metaaccess_account::api_versions!`]): nothing here names a version, so a version added
//! with `cargo xtask new-version` gets its request and response types here too.

/// The JSON body of a request, for versions whose request has a model.
macro_rules! body_of {
    ($request:expr) => {
        None
    };
    ($request:expr, $Req:ident) => {
        Some(
            serde_json::to_vec(&$request.body)
                .map_err(|e| crate::RequestError::Body(e.to_string()))?,
        )
    };
}

macro_rules! generate_http_versions {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {
        $(
            #[doc = concat!("Requests to version ", $number, " and its responses.")]
            ///
            /// `Request::new(token).try_into_http_request()` builds the request the version's
            /// `ENDPOINT` describes; `try_from_http_response` reads the answer.
            pub mod $module {
                use metaaccess_account::$module as model;
                use metaaccess_account::{Document as _, Parsed, TokenLocation};

                pub use model::{AccountDetails, ENDPOINT};
                $(pub use model::$Req;)?

                use crate::{AccessToken, ApiRequest, RequestError, ResponseError, Target};

                #[doc = concat!("A request to version ", $number, " of Account Details.")]
                #[derive(Clone, Debug, PartialEq, Eq)]
                pub struct Request {
                    /// Base URL, token and where the token goes.
                    pub target: Target,
                    $(
                        /// The JSON body (default: the documented default score type).
                        pub body: model::$Req,
                    )?
                }

                impl Request {
                    /// A request to the documented host, the token in the `access_token`
                    /// header, and the default body where the version has one.
                    pub fn new(token: AccessToken) -> Self {
                        Self {
                            target: Target::new(token),
                            $(body: <model::$Req>::default(),)?
                        }
                    }

                    /// Sends it to another base URL (a proxy, a test server).
                    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                        self.target.base_url = base_url.into();
                        self
                    }

                    /// Puts the token elsewhere (see [`Target::token_in`]).
                    pub fn token_in(mut self, location: TokenLocation) -> Self {
                        self.target.token_in = location;
                        self
                    }

                    /// The `http` request: method, URL and headers from [`ENDPOINT`].
                    pub fn try_into_http_request(
                        &self,
                    ) -> Result<http::Request<Vec<u8>>, RequestError> {
                        crate::request::build(&ENDPOINT, &self.target, body_of!(self $(, $Req)?))
                    }
                }

                #[doc = concat!("A version ", $number, " response, read leniently: the document")]
                /// and its drift, or a typed error (see [`crate::ResponseError`]).
                pub fn try_from_http_response<B: AsRef<[u8]>>(
                    response: http::Response<B>,
                ) -> Result<Parsed<AccountDetails>, ResponseError> {
                    crate::response::try_from_http_response::<AccountDetails, B>(response)
                }

                impl ApiRequest for Request {
                    type Response = AccountDetails;

                    fn version(&self) -> metaaccess_account::ApiVersion {
                        AccountDetails::VERSION
                    }

                    fn try_into_http_request(
                        &self,
                    ) -> Result<http::Request<Vec<u8>>, RequestError> {
                        Request::try_into_http_request(self)
                    }

                    fn try_from_http_response<B: AsRef<[u8]>>(
                        &self,
                        response: http::Response<B>,
                    ) -> Result<Parsed<AccountDetails>, ResponseError> {
                        try_from_http_response(response)
                    }
                }
            }
        )+
    };
}

metaaccess_account::api_versions!(generate_http_versions);
