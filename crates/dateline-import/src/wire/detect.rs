//! The language of copy that does not say which it is in.

use dateline_core::Language;
use whatlang::{Detector, Lang};

/// How much of the copy is read: a few paragraphs tell a language.
const SAMPLE_CHARS: usize = 4_000;

/// The site language this text is most likely written in, when the guess
/// is reliable; `None` when the text is too short or too mixed to tell.
pub fn detect_language(text: &str) -> Option<Language> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let detector = Detector::with_allowlist(vec![
        Lang::Eng,
        Lang::Spa,
        Lang::Fra,
        Lang::Por,
        Lang::Ita,
        Lang::Ara,
        Lang::Epo,
    ]);
    let info = detector.detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(match info.lang() {
        Lang::Eng => Language::En,
        Lang::Spa => Language::Es,
        Lang::Fra => Language::Fr,
        Lang::Por => Language::Pt,
        Lang::Ita => Language::It,
        Lang::Ara => Language::Ar,
        Lang::Epo => Language::Eo,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<Language>) {
        assert_eq!(detect_language(text), expected, "{text}");
    }

    #[test]
    fn tells_the_site_languages_apart() {
        check(
            "HAVANA, Nov 24 (Reuters) - Cuba said on Thursday the United States trade embargo \
             cost its economy billions of dollars over the past year, and called for it to end.",
            Some(Language::En),
        );
        check(
            "LA HABANA, 24 nov (EFE) - Cuba afirmó este jueves que el bloqueo comercial de \
             Estados Unidos le costó a su economía miles de millones de dólares durante el último año.",
            Some(Language::Es),
        );
        check(
            "PARIS (AFP) - Le gouvernement a annoncé jeudi de nouvelles mesures pour soutenir \
             les agriculteurs touchés par la sécheresse qui frappe le pays depuis le printemps.",
            Some(Language::Fr),
        );
        check(
            "القاهرة (رويترز) - قالت الحكومة المصرية يوم الخميس إنها ستخفض أسعار الوقود \
             اعتبارا من الشهر المقبل في إطار خطة إصلاح اقتصادي واسعة.",
            Some(Language::Ar),
        );
    }

    #[test]
    fn says_nothing_when_it_cannot_tell() {
        check("", None);
        check("12 34 56", None);
    }
}
