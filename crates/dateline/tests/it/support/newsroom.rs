//! A newsroom member's browser: a client that keeps cookies, logs in
//! through the real login form, and sends each form's CSRF token.

use super::{attr, Reply, TestApp};
use dateline_core::newsroom::Role;
use std::time::Duration;

/// The password every test account gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// Makes an account directly in the store (as `dateline user add` does).
pub async fn make_user(app: &TestApp, email: &str, role: Role) -> i64 {
    let hash = dateline_auth::password::hash(PASSWORD).expect("hash");
    app.store()
        .create_user(
            email,
            &format!("{role} {email}"),
            role,
            Some(&hash),
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("an account")
}

pub struct Desk {
    pub client: reqwest::Client,
    pub base: String,
    /// This session's CSRF token, read from the last page.
    pub csrf: String,
}

async fn reply(res: reqwest::Response) -> Reply {
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

impl Desk {
    /// A browser that has not logged in.
    pub fn anonymous(app: &TestApp) -> Desk {
        Desk {
            client: crate::support::client_builder()
                // Below the server's 10 s idle limit, so no request meets a closed connection.
                .pool_idle_timeout(std::time::Duration::from_secs(5))
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(20))
                .build()
                .expect("client"),
            base: app.base.clone(),
            csrf: String::new(),
        }
    }

    /// Logs in through the form; panics unless it works.
    pub async fn login(app: &TestApp, email: &str) -> Desk {
        let mut desk = Desk::anonymous(app);
        let reply = desk.try_login(email, PASSWORD).await;
        assert_eq!(reply.status, 303, "login of {email}: {}", reply.text());
        desk.refresh().await;
        desk
    }

    /// Fills and sends the login form; the answer as it comes.
    pub async fn try_login(&self, email: &str, password: &str) -> Reply {
        let form = self.get("/newsroom/login").await;
        assert_eq!(form.status, 200);
        let token = attr(
            &form.html(),
            "form[action='/newsroom/login'] input[name=csrf]",
            "value",
        )
        .expect("the login form has a token");
        self.post_plain(
            "/newsroom/login",
            &[
                ("email", email),
                ("password", password),
                ("csrf", &token),
                ("next", "/newsroom/"),
            ],
        )
        .await
    }

    /// Reads the CSRF token again from the desk page.
    pub async fn refresh(&mut self) {
        let page = self.get("/newsroom/").await;
        assert_eq!(page.status, 200, "the desk opens: {}", page.text());
        self.csrf =
            attr(&page.html(), "input[name=csrf]", "value").expect("a CSRF token on the page");
    }

    pub async fn get(&self, path: &str) -> Reply {
        reply(
            self.client
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .expect("answered"),
        )
        .await
    }

    /// Posts a form with this session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &self.csrf));
        self.post_plain(path, &all).await
    }

    /// Posts a form with the token as a page's script does, asking for JSON.
    #[allow(dead_code)]
    pub async fn post_fetch(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &self.csrf));
        reply(
            self.client
                .post(format!("{}{path}", self.base))
                .header("accept", "application/json")
                .form(&all)
                .send()
                .await
                .expect("answered"),
        )
        .await
    }

    /// Posts a form exactly as given (no token added).
    pub async fn post_plain(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        reply(
            self.client
                .post(format!("{}{path}", self.base))
                .form(fields)
                .send()
                .await
                .expect("answered"),
        )
        .await
    }

    /// Posts a multipart form (uploads) with this session's token.
    pub async fn upload(&self, path: &str, form: reqwest::multipart::Form) -> Reply {
        let form = form.text("csrf", self.csrf.clone());
        reply(
            self.client
                .post(format!("{}{path}", self.base))
                .multipart(form)
                .send()
                .await
                .expect("answered"),
        )
        .await
    }

    /// The id in a `Location: /newsroom/articles/{id}...` answer.
    pub fn article_id(reply: &Reply) -> i64 {
        let location = reply.header("location").expect("a redirect");
        location
            .trim_start_matches("/newsroom/articles/")
            .split(['?', '/'])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("an article's address: {location}"))
    }
}

/// An article form with every field, as the editor sends it.
pub fn article_fields<'a>(headline: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("headline", headline),
        ("standfirst", "A standfirst."),
        ("dateline_place", "Havana"),
        ("dateline_date", "2016-10-04"),
        ("dateline_agency", "RHC"),
        ("byline", "Ana Reporter"),
        ("language", "en"),
        ("section", "world"),
        ("slug", ""),
        ("tags", "Cuba, Radio"),
        ("story_key", ""),
        ("body", body),
        ("published_at", ""),
        ("image_id", ""),
        ("audio_id", ""),
    ]
}

/// An article form with these fields changed or added.
pub fn fields_with<'a>(
    headline: &'a str,
    body: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = article_fields(headline, body);
    for (key, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = *value,
            None => fields.push((*key, *value)),
        }
    }
    fields
}

/// Sends a new article's form (`POST /newsroom/articles`); its id.
pub async fn post_article(desk: &Desk, fields: &[(&str, &str)]) -> i64 {
    let reply = desk.post("/newsroom/articles", fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    Desk::article_id(&reply)
}
