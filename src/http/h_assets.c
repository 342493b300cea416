/* h_assets.c - static files under /assets, and the health check. */
#include <string.h>

#include "assets.h"
#include "resp.h"
#include "router.h"
#include "server.h"

void h_asset(struct req *r)
{
	const char *rel = r->path + strlen("/assets");
	const struct asset *a = strstr(rel, "..") ? NULL : assets_find(r->app->assets, rel);
	if (!a) {
		resp_error(r, 404, "There is no file at this address.");
		return;
	}
	resp_header(r, "ETag", a->etag);
	r->cacheable = true;
	r->resp_type = a->type;
	if (r->if_none_match && strcmp(r->if_none_match, a->etag) == 0) {
		r->status = 304;
		r->static_body = "";
		r->static_len = 0;
		return;
	}
	r->status = 200;
	r->static_body = a->data;
	r->static_len = a->len;
}

void h_health(struct req *r)
{
	int v = store_schema_version(req_db(r));
	r->resp_type = "application/json";
	if (v != STORE_SCHEMA_VERSION) {
		r->status = 503;
		buf_puts(&r->body, "{\"status\":\"unavailable\",\"reason\":\"database\"}\n");
		return;
	}
	r->status = 200;
	buf_printf(&r->body, "{\"status\":\"ok\",\"schema\":%d}\n", v);
}
