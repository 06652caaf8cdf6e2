//! A macro for the small closed vocabularies of the domain (grades, severities...).

/// Declares an enum whose variants have a fixed storage/CLI name and a catalog label key.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $label_prefix:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the database, the CLI and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The catalog key of the human label.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($label_prefix, ".", $text)),+ }
            }

            /// Parses the name given for `field` (case-insensitive).
            pub fn parse(field: $crate::field_id::FieldId, s: &str) -> Result<$name, $crate::error::Error> {
                let t = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| $crate::error::Error::InvalidChoice {
                        field,
                        value: s.to_string(),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join("|"),
                    })
            }
        }

        impl $name {
            /// The codes and label prefix, for declared fields and pickers.
            pub const CHOICES: $crate::domain::fields::Choices = $crate::domain::fields::Choices {
                codes: &[$($text),+],
                label_prefix: $label_prefix,
            };
        }

        impl $crate::domain::fields::FieldValue for Option<$name> {
            fn to_text(&self) -> Option<String> {
                self.map(|v| v.as_str().to_string())
            }
            fn from_text(field: $crate::field_id::FieldId, text: Option<&str>) -> Result<Self, $crate::error::Error> {
                text.map(|t| $name::parse(field, t)).transpose()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
