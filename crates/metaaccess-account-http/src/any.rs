//! Requests to a version chosen at run time (the command-line tool's `--api-version`).

use metaaccess_account::{
    endpoint, AnyAccountDetails, AnyAccountDetailsRequest, ApiVersion, ParseError, Parsed,
    TokenLocation,
};

use crate::{AccessToken, ApiRequest, RequestError, ResponseError, Target};

/// A request to any version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnyRequest {
    /// The version called.
    pub version: ApiVersion,
    /// Base URL, token and where the token goes.
    pub target: Target,
    /// The JSON body, for versions whose request has one (`None` otherwise).
    pub body: Option<AnyAccountDetailsRequest>,
}

impl AnyRequest {
    /// A request to `version` on the documented host, the token in the `access_token` header,
    /// and the default body where the version has one.
    pub fn new(version: ApiVersion, token: AccessToken) -> Self {
        // `{}` is every request body's default (every member has a documented default).
        let body = AnyAccountDetailsRequest::from_json_value(version, &serde_json::json!({}))
            .and_then(Result::ok)
            .map(|parsed| parsed.value);
        Self {
            version,
            target: Target::new(token),
            body,
        }
    }

    /// Sets the body from its JSON form, read strictly (undocumented members or values are
    /// refused). `None` when the version's request has no body.
    ///
    /// ```
    /// use metaaccess_account::ApiVersion;
    /// use metaaccess_account_http::{AccessToken, AnyRequest};
    /// let token = AccessToken::new("t0k3n").unwrap();
    /// let body = serde_json::json!({"score_type": "cvss3_score"});
    /// let req = AnyRequest::new(ApiVersion::V3_2, token.clone()).with_body(&body).unwrap().unwrap();
    /// assert_eq!(req.try_into_http_request().unwrap().body(), br#"{"score_type":"cvss3_score"}"#);
    /// assert!(AnyRequest::new(ApiVersion::V3_1, token).with_body(&body).is_none());
    /// ```
    pub fn with_body(mut self, body: &serde_json::Value) -> Option<Result<Self, ParseError>> {
        let parsed = AnyAccountDetailsRequest::from_json_value(self.version, body)?;
        Some(parsed.and_then(Parsed::into_strict).map(|body| {
            self.body = Some(body);
            self
        }))
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

    /// The `http` request: method, URL and headers from the version's `ENDPOINT`.
    pub fn try_into_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
        let body = match &self.body {
            Some(b) => Some(serde_json::to_vec(b).map_err(|e| RequestError::Body(e.to_string()))?),
            None => None,
        };
        crate::request::build(endpoint(self.version), &self.target, body)
    }
}

/// A response of `version`, read leniently (see [`crate::try_from_http_response`]).
pub fn try_from_http_response_any<B: AsRef<[u8]>>(
    version: ApiVersion,
    response: http::Response<B>,
) -> Result<Parsed<AnyAccountDetails>, ResponseError> {
    let validator = metaaccess_account_validate::Validator::default();
    let verdict = crate::judge_http_response(version, &response, &validator)?;
    crate::response::accepted(verdict, |value| {
        AnyAccountDetails::from_json_value(version, value)
    })
}

impl ApiRequest for AnyRequest {
    type Response = AnyAccountDetails;

    fn version(&self) -> ApiVersion {
        self.version
    }

    fn try_into_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
        AnyRequest::try_into_http_request(self)
    }

    fn try_from_http_response<B: AsRef<[u8]>>(
        &self,
        response: http::Response<B>,
    ) -> Result<Parsed<AnyAccountDetails>, ResponseError> {
        try_from_http_response_any(self.version, response)
    }
}
