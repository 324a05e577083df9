//! `#[derive(CheckOnly)]`: a check-only reader generated from a model type, so that the model
//! stays the one definition of what a document may hold.
//!
//! For a struct with named fields it generates a hidden struct with the same `#[serde(...)]`
//! attributes (on the struct and on each field), whose field of type `T` has type
//! `<T as CheckOnly>::Check`, and derives `Deserialize` for it. serde's derive then reads
//! exactly the documents the model reads (same names, defaults and `with` functions), while
//! each field's check type keeps nothing of the value. Use it through `metaaccess-account-core`,
//! whose `CheckOnly` trait documents the contract.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Error, Fields};

/// Implements `metaaccess_account_core::CheckOnly` for a struct with named fields. The expansion
/// names `::metaaccess_account_core`, so the deriving crate must depend on it (the model crates
/// do).
#[proc_macro_derive(CheckOnly)]
pub fn derive_check_only(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(Error::new_spanned(
            &input.generics,
            "CheckOnly is derived for models without generic parameters",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(Error::new_spanned(
            name,
            "CheckOnly is derived for structs with named fields (open enums get theirs from `open_enum!`)",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(Error::new_spanned(
            &data.fields,
            "CheckOnly is derived for structs with named fields",
        ));
    };
    let struct_attrs = serde_attrs(&input.attrs);
    let mut fields = Vec::new();
    for field in &named.named {
        let attrs = serde_attrs(&field.attrs);
        let (ident, ty) = (&field.ident, &field.ty);
        fields.push(quote! {
            #(#attrs)*
            #ident: <#ty as ::metaaccess_account_core::CheckOnly>::Check
        });
    }
    let check = format_ident!("__{}Check", name);
    Ok(quote! {
        const _: () = {
            #[doc(hidden)]
            #[allow(dead_code)]
            #[derive(::metaaccess_account_core::__serde::Deserialize)]
            #[serde(crate = "::metaaccess_account_core::__serde")]
            #(#struct_attrs)*
            pub struct #check {
                #(#fields,)*
            }

            #[doc(hidden)]
            impl ::metaaccess_account_core::CheckOnly for #name {
                type Check = #check;
            }
        };
    })
}

/// The `#[serde(...)]` attributes, to be copied. (`cfg_attr`s are already expanded when a
/// derive runs, so one that applies to the model is among them.)
fn serde_attrs(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .collect()
}
