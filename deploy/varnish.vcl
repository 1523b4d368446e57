vcl 4.1;

# Varnish in front of Dateline, purged by surrogate key (Debian's varnish
# and varnish-modules, which carries the xkey module). Start Dateline with
# --cdn-purge http://127.0.0.1:6081/ (this Varnish's address as the nodes
# reach it): every cacheable page then carries its keys in `xkey`, and on
# each change one node sends `PURGE /` with the keys in `xkey-purge`.
#
#   varnishd -a :6081 -f /etc/varnish/dateline.vcl -s malloc,1g
#
# Several nodes: one backend each in a director (vmod_directors), and each
# node's address in the `purgers` list.

import std;
import xkey;

backend dateline {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Dateline answers /healthz at once while it runs.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the Dateline nodes.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        # A soft purge: the pages stay, out of date, for their grace (the
        # stale-while-revalidate Dateline sends), so the next reader gets
        # the last copy at once while Varnish fetches the new one in the
        # background; readers never wait on a render.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    # Dateline decides the reader's address from X-Forwarded-For only when
    # this Varnish is among its trusted proxies (--trusted-proxy).
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, the API, view counting and media have their own rules
    # (private, or immutable files Dateline already serves with ranges).
    if (req.url ~ "^/(newsroom|api/|views/|media/|language/)") {
        return (pass);
    }
    # A reader with a comment awaiting moderation sees it on the page: that
    # page is theirs alone. Other cookies (none on readers' pages) go.
    if (req.http.Cookie ~ "(^|;\s*)dl_pending=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # s-maxage and stale-while-revalidate come from Dateline's
    # Cache-Control; a page without them (never a reader's page) is not kept.
    if (beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Should the node be down, serve the last copy for a day.
    set beresp.keep = 1d;
}

sub vcl_deliver {
    # The keys are for this cache, not for browsers.
    unset resp.http.xkey;
    unset resp.http.surrogate-key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
