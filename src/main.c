/*
 * main.c - the careplan command: settings, subcommands, daemon lifecycle.
 *
 * Settings come from, lowest first: built-in defaults, the config file,
 * CAREPLAN_* environment variables, command-line flags (settings.def lists
 * them all).  Errors go to stderr naming what failed; usage errors exit 2,
 * other failures 1.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "domain/audit.h"
#include "domain/casefind.h"
#include "domain/register.h"
#include "domain/demo.h"
#include "domain/dir_csv.h"
#include "domain/dir_hsds.h"
#include "domain/events.h"
#include "domain/password.h"
#include "domain/plain.h"
#include "domain/role.h"
#include "domain/user.h"
#include "export/dir_export.h"
#include "http/server.h"
#include "http/router.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/conf.h"
#include "util/log.h"
#include "util/str.h"

#ifndef CAREPLAN_VERSION
#define CAREPLAN_VERSION "0.0.0"
#endif

enum setting_id {
#define SETTING(f, name, env, def, help) SET_##f,
#include "settings.def"
#undef SETTING
	SET__MAX
};

static const struct {
	const char *name, *env, *def, *help;
} settings[SET__MAX] = {
#define SETTING(f, name, env, def, help) [SET_##f] = {name, env, def, help},
#include "settings.def"
#undef SETTING
};

/* Options that belong to one subcommand, not to settings. */
enum opt_id { OPT_ROLE, OPT_NAME, OPT_DISCIPLINE, OPT_TEAM, OPT_PERSON, OPT_TO, OPT_FORMAT, OPT__MAX };
static const char *const opt_names[OPT__MAX] = {
	[OPT_ROLE] = "role", [OPT_NAME] = "name", [OPT_DISCIPLINE] = "discipline",
	[OPT_TEAM] = "team", [OPT_PERSON] = "person", [OPT_TO] = "to", [OPT_FORMAT] = "format",
};

struct cli {
	const char *set[SET__MAX]; /* effective values; point into argv, env or conf_store */
	const char *opt[OPT__MAX];
	const char *words[8];
	int n_words;
	char conf_store[SET__MAX][1024];
};

static void usage(FILE *f)
{
	fputs("usage: careplan COMMAND [options]\n\n"
	      "commands:\n"
	      "  serve                      serve the web application\n"
	      "  init                       create or upgrade the database\n"
	      "  demo                       fill an empty database with fictional demo data\n"
	      "  user add USERNAME --role ROLE [--name NAME] [--discipline D] [--team ID] [--person ID]\n"
	      "                             add a user; the password is read from standard input\n"
	      "  user passwd USERNAME       set a user's password, read from standard input\n"
	      "  user list                  list user accounts\n"
	      "  audit verify               check the audit trail's hash chain\n"
	      "  backup --to FILE           consistent copy of the live database\n"
	      "  directory import FILE [--format hsds|csv]\n"
	      "                             import services into the directory (Open Referral UK / HSDS\n"
	      "                             JSON, or CSV): a line per record, imported, updated,\n"
	      "                             unchanged or refused with why\n"
	      "  directory export --format hsds|csv\n"
	      "                             write the whole directory to standard output\n"
	      "  directory districts FILE   load postcode district centres (DISTRICT,lat,lon lines)\n"
	      "  events import FILE         import activity events (emergency admissions, A&E\n"
	      "                             attendances) from a CSV file; refused rows are listed\n"
	      "                             by line number on standard error\n"
	      "  glossary                   print the plain-language glossary in use (built in, plus\n"
	      "                             --glossary FILE), as term<TAB>plain alternative lines\n"
	      "  register import FILE       import a population register (CSV; docs/case-finding.md):\n"
	      "                             prints each refused row and a summary\n"
	      "  rules check FILE           check a case-finding rules file and list its rules\n"
	      "  routes                     print every route: method, path, capability (or \"public\")\n"
	      "                             and whose record an :id in it belongs to, tab-separated\n"
	      "  version                    print the version\n"
	      "  help                       this text\n\n"
	      "options (also as CAREPLAN_* environment variables or config-file keys):\n",
	      f);
	for (int i = 0; i < SET__MAX; i++)
		fprintf(f, "  --%-18s %s [%s; default %s]\n", settings[i].name, settings[i].help, settings[i].env,
			*settings[i].def ? settings[i].def : "none");
	fputs("\nroles: ", f);
	for (int i = 0; i < ROLE__MAX; i++)
		fprintf(f, "%s%s", i ? ", " : "", role_code((enum role)i));
	fputs("\ndisciplines: ", f);
	for (int i = 1; i < DISC__MAX; i++)
		fprintf(f, "%s%s", i > 1 ? ", " : "", discipline_code((enum discipline)i));
	fputs("\n", f);
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "careplan: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n");
	usage(stderr);
	return 2;
}

static int conf_setting(void *ctx, const char *key, const char *value, char *msg, size_t msgn)
{
	struct cli *cli = ctx;
	for (int i = 0; i < SET__MAX; i++) {
		if (strcmp(key, settings[i].name) == 0) {
			if (i == SET_config) {
				snprintf(msg, msgn, "\"config\" cannot be set inside a config file");
				return 1;
			}
			snprintf(cli->conf_store[i], sizeof cli->conf_store[i], "%s", value);
			cli->set[i] = cli->conf_store[i];
			return 0;
		}
	}
	snprintf(msg, msgn, "unknown setting \"%s\"", key);
	return 1;
}

/* Fills cli from argv, the environment and the config file.  Returns 0, or
 * the exit status for an error already reported. */
static int parse_cli(int argc, char **argv, struct cli *cli)
{
	const char *flag_val[SET__MAX] = {0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (a[0] == '-' && a[1] != '\0')
				return usage_error("unknown option \"%s\"", a);
			if (cli->n_words == (int)(sizeof cli->words / sizeof cli->words[0]))
				return usage_error("too many words, starting at \"%s\"", a);
			cli->words[cli->n_words++] = a;
			continue;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		const char *val = eq ? eq + 1 : NULL;
		if (nl == 4 && strncmp(name, "help", 4) == 0) {
			usage(stdout);
			exit(0);
		}
		const char **slot = NULL;
		for (int s = 0; s < SET__MAX && !slot; s++)
			if (strlen(settings[s].name) == nl && strncmp(settings[s].name, name, nl) == 0)
				slot = &flag_val[s];
		for (int o = 0; o < OPT__MAX && !slot; o++)
			if (strlen(opt_names[o]) == nl && strncmp(opt_names[o], name, nl) == 0)
				slot = &cli->opt[o];
		if (!slot)
			return usage_error("unknown option \"%s\"", a);
		if (!val) {
			if (i + 1 >= argc)
				return usage_error("option \"%s\" needs a value", a);
			val = argv[++i];
		}
		*slot = val;
	}
	for (int s = 0; s < SET__MAX; s++)
		cli->set[s] = settings[s].def;
	const char *conf = flag_val[SET_config] ? flag_val[SET_config] : getenv(settings[SET_config].env);
	if (conf && *conf) {
		char msg[512];
		if (conf_load(conf, conf_setting, cli, msg, sizeof msg)) {
			fprintf(stderr, "careplan: %s\n", msg);
			return 2;
		}
		cli->set[SET_config] = conf;
	}
	for (int s = 0; s < SET__MAX; s++) {
		const char *e = getenv(settings[s].env);
		if (e && *e)
			cli->set[s] = e;
		if (flag_val[s])
			cli->set[s] = flag_val[s];
	}
	return 0;
}

static int setting_int(const struct cli *cli, enum setting_id s, int64_t min, int64_t max, int64_t *out)
{
	if (str_to_i64(cli->set[s], min, max, out)) {
		fprintf(stderr, "careplan: --%s \"%s\" must be a whole number from %lld to %lld\n", settings[s].name,
			cli->set[s], (long long)min, (long long)max);
		return 2;
	}
	return 0;
}

static int open_store(const struct cli *cli, int pool, struct store **st)
{
	char msg[512];
	enum cp_err err = store_open(cli->set[SET_db], pool, st, msg, sizeof msg);
	if (err) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 1;
	}
	return 0;
}

static const struct audit_actor cli_actor = {.client = "cli"};

/* ---- the plain-language glossary -------------------------------------------- */

/* The glossary named by --glossary into *g (NULL: none set, use the
 * built-in one).  Prints why and returns 2 when the file is wrong. */
static int load_glossary(const struct cli *cli, struct plain_glossary **g)
{
	*g = NULL;
	if (!*cli->set[SET_glossary])
		return 0;
	char msg[512];
	if (plain_glossary_load(cli->set[SET_glossary], g, msg, sizeof msg)) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 2;
	}
	return 0;
}

static int cmd_glossary(const struct cli *cli)
{
	struct plain_glossary *own;
	int rc = load_glossary(cli, &own);
	if (rc)
		return rc;
	const struct plain_glossary *g = own ? own : plain_glossary_builtin();
	for (size_t i = 0; i < plain_glossary_size(g); i++) {
		const char *term, *plain;
		plain_glossary_entry(g, i, &term, &plain);
		printf("%s\t%s\n", term, plain);
	}
	plain_glossary_free(own);
	return 0;
}

/* ---- case finding ------------------------------------------------------------- */

/* The rules named by --case-finding into *own (NULL: none set, use the
 * built-in ones) and *rules (the ones to use).  Prints why and returns 2
 * when the file is wrong. */
static int load_rules(const struct cli *cli, struct casefind_rules **own, const struct casefind_rules **rules)
{
	*own = NULL;
	*rules = casefind_builtin();
	if (!*cli->set[SET_case_finding])
		return 0;
	char msg[CASEFIND_MSG];
	if (casefind_load(cli->set[SET_case_finding], own, msg, sizeof msg)) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 2;
	}
	*rules = *own;
	return 0;
}

static int cmd_rules_check(const struct cli *cli)
{
	if (cli->n_words != 3)
		return usage_error("%s", "rules check needs exactly one FILE");
	struct casefind_rules *r;
	char msg[CASEFIND_MSG];
	if (casefind_load(cli->words[2], &r, msg, sizeof msg)) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 1;
	}
	printf("%s: %d rules, all correct\n", cli->words[2], r->n);
	for (int i = 0; i < r->n; i++)
		printf("  %-24s weight %-3d %s\n", r->rule[i].id, r->rule[i].weight, r->rule[i].explain);
	casefind_free(r);
	return 0;
}

/* Prints one refused row of an import. */
static void print_refusal(void *ctx, long line, const char *reason)
{
	(void)ctx;
	printf("line %ld: %s\n", line, reason);
}

static int cmd_register_import(const struct cli *cli)
{
	if (cli->n_words != 3)
		return usage_error("%s", "register import needs exactly one FILE");
	struct casefind_rules *own;
	const struct casefind_rules *rules;
	int rc = load_rules(cli, &own, &rules);
	if (rc)
		return rc;
	FILE *f = strcmp(cli->words[2], "-") == 0 ? stdin : fopen(cli->words[2], "rb");
	if (!f) {
		fprintf(stderr, "careplan: cannot read %s: %s\n", cli->words[2], strerror(errno));
		casefind_free(own);
		return 1;
	}
	struct store *st;
	if (open_store(cli, 1, &st)) {
		if (f != stdin)
			fclose(f);
		casefind_free(own);
		return 1;
	}
	/* The page cache bounds the import's memory (--cache-mib): the file is
	 * streamed, so nothing else grows with its size. */
	int64_t cache_mib;
	if (setting_int(cli, SET_cache_mib, STORE_CACHE_MIB_MIN, STORE_CACHE_MIB_MAX, &cache_mib) ||
	    store_set_cache(st, (int)cache_mib)) {
		store_close(st);
		if (f != stdin)
			fclose(f);
		casefind_free(own);
		return 2;
	}
	struct store_conn *c = store_acquire(st);
	struct register_report rep;
	char msg[512];
	int64_t t0 = time_mono_ms();
	enum cp_err err = register_import(c, f, cli->words[2], &cli_actor, time_now_ms(), rules, print_refusal, NULL,
					  &rep, msg, sizeof msg);
	int64_t took = time_mono_ms() - t0;
	store_release(st, c);
	store_close(st);
	if (f != stdin)
		fclose(f);
	casefind_free(own);
	if (err) {
		fprintf(stderr, "careplan: %s: %s\n", cli->words[2], msg);
		if (rep.import_id)
			fprintf(stderr, "careplan: rows committed before the stop are kept (%lld read)\n",
				(long long)rep.rows_read);
		return 1;
	}
	printf("imported %s into %s in %.1f s: %lld rows read, %lld added, %lld updated, %lld unchanged, %lld refused%s\n",
	       cli->words[2], cli->set[SET_db], (double)took / 1000.0, (long long)rep.rows_read, (long long)rep.added,
	       (long long)rep.updated, (long long)rep.unchanged, (long long)rep.refused,
	       rep.rescored ? " (the rules had changed: every row was scored again first)" : "");
	return rep.refused ? 3 : 0;
}

/* ---- serve ---------------------------------------------------------------- */

static int cmd_serve(const struct cli *cli)
{
	static struct server_config cfg;
	memset(&cfg, 0, sizeof cfg);
	char msg[512];
	if (server_parse_listen(cli->set[SET_listen], &cfg, msg, sizeof msg)) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 2;
	}
	int64_t threads, idle, life, fails, window, cache_mib;
	if (setting_int(cli, SET_threads, 0, 256, &threads) ||
	    setting_int(cli, SET_cache_mib, STORE_CACHE_MIB_MIN, STORE_CACHE_MIB_MAX, &cache_mib) || setting_int(cli, SET_session_idle, 1, 86400, &idle) ||
	    setting_int(cli, SET_session_lifetime, 1, 7 * 86400, &life) ||
	    setting_int(cli, SET_signin_failures, 1, 1000, &fails) ||
	    setting_int(cli, SET_signin_window, 1, 86400, &window))
		return 2;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? n : 1;
	}
	cfg.threads = (int)threads;
	cfg.tls_cert = *cli->set[SET_tls_cert] ? cli->set[SET_tls_cert] : NULL;
	cfg.tls_key = *cli->set[SET_tls_key] ? cli->set[SET_tls_key] : NULL;
	cfg.assets_dir = cli->set[SET_assets];
	cfg.public_url = *cli->set[SET_public_url] ? cli->set[SET_public_url] : NULL;
	auth_config_default(&cfg.auth);
	cfg.auth.idle_ms = idle * 1000;
	cfg.auth.lifetime_ms = life * 1000;
	cfg.auth.max_failures = fails;
	cfg.auth.window_ms = window * 1000;
	struct plain_glossary *glossary;
	int grc = load_glossary(cli, &glossary);
	if (grc)
		return grc;
	plain_use(glossary); /* before any thread reads it */
	struct casefind_rules *own_rules;
	const struct casefind_rules *rules;
	if ((grc = load_rules(cli, &own_rules, &rules))) {
		plain_glossary_free(glossary);
		return grc;
	}
	casefind_use(rules); /* before any thread reads them */

	/* Block the stop signals in every thread (libmicrohttpd's inherit the
	 * mask) and take them with sigwait() here, so shutdown never races a
	 * handler. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct store *st;
	if (open_store(cli, cfg.threads + 2, &st)) {
		plain_glossary_free(glossary);
		casefind_free(own_rules);
		return 1;
	}
	if (store_set_cache(st, (int)cache_mib)) {
		fprintf(stderr, "careplan: cannot set the database cache to %lld MiB\n", (long long)cache_mib);
		store_close(st);
		plain_glossary_free(glossary);
		casefind_free(own_rules);
		return 1;
	}
	{
		/* The register's scores must be those of the rules in use. */
		struct store_conn *rc = store_acquire(st);
		int64_t changed = 0;
		bool done = false;
		enum cp_err rerr = register_rescore(rc, rules, time_now_ms(), &changed, &done);
		store_release(st, rc);
		if (rerr) {
			fprintf(stderr, "careplan: cannot score the register with the case-finding rules: %s\n",
				cp_strerror(rerr));
			store_close(st);
			plain_glossary_free(glossary);
			casefind_free(own_rules);
			return 1;
		}
		if (done)
			log_msg(LOG_INFO, "register.rescored", "the case-finding rules changed: the register was scored again");
	}
	struct server *srv;
	if (server_start(&cfg, st, &srv, msg, sizeof msg)) {
		fprintf(stderr, "careplan: %s\n", msg);
		store_close(st);
		plain_glossary_free(glossary);
		casefind_free(own_rules);
		return 1;
	}
	struct buf b;
	buf_init(&b, 2048);
	log_begin(&b, LOG_INFO, "listening");
	log_field_str(&b, "url", "");
	b.len -= 2; /* replace the placeholder with the real URL */
	b.data[b.len] = '\0';
	{
		char url[320];
		int v6 = strchr(cfg.listen_host, ':') != NULL;
		snprintf(url, sizeof url, "%s://%s%s%s:%u", cfg.tls_cert ? "https" : "http", v6 ? "[" : "",
			 cfg.listen_host, v6 ? "]" : "", (unsigned)server_port(srv));
		buf_json_str(&b, url);
	}
	log_field_i64(&b, "port", server_port(srv));
	log_field_i64(&b, "threads", cfg.threads);
	log_field_i64(&b, "cache_mib", cache_mib);
	log_field_str(&b, "db", cli->set[SET_db]);
	log_field_str(&b, "version", CAREPLAN_VERSION);
	log_end(&b, LOG_INFO);

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	log_msg(LOG_INFO, "stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	server_stop(srv);
	store_close(st);
	plain_glossary_free(glossary);
	casefind_free(own_rules);
	log_msg(LOG_INFO, "stopped", "database closed cleanly");
	return 0;
}

/* ---- init, demo ------------------------------------------------------------ */

static int cmd_init(const struct cli *cli)
{
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	printf("database %s is ready (schema version %d)\n", cli->set[SET_db], store_schema_version(c));
	store_release(st, c);
	store_close(st);
	return 0;
}

static int cmd_demo(const struct cli *cli)
{
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	char msg[512];
	enum cp_err err = demo_create(c, &cli_actor, time_now_ms(), msg, sizeof msg);
	store_release(st, c);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: %s: %s\n", cli->set[SET_db], msg);
		return 1;
	}
	size_t n;
	const struct demo_login *l = demo_logins(&n);
	printf("Demo data created in %s: %d fictional people, one team, these logins.\n", cli->set[SET_db],
	       DEMO_PEOPLE);
	printf("A population register of %d fictional rows for case finding (/case-finding).\n", DEMO_REGISTER);
	printf("Every demo login has the password: %s\n\n", DEMO_PASSWORD);
	printf("  %-14s %-18s %s\n", "username", "name", "role");
	for (size_t i = 0; i < n; i++)
		printf("  %-14s %-18s %s (%s)\n", l[i].username, l[i].name,
		       role_label(role_from_code(l[i].role)), l[i].what);
	return 0;
}

/* ---- users ------------------------------------------------------------------ */

/* Reads one line (the password) from stdin, without echo on a terminal.
 * Returns 0, or 1 after reporting an error. */
static int read_password(const char *prompt, char *out, size_t n)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got) {
		fprintf(stderr, "careplan: no password given on standard input\n");
		return 1;
	}
	size_t l = strlen(out);
	if (l == n - 1 && out[l - 1] != '\n') {
		fprintf(stderr, "careplan: password: longer than %zu bytes\n", n - 2);
		return 1;
	}
	while (l && (out[l - 1] == '\n' || out[l - 1] == '\r'))
		out[--l] = '\0';
	return 0;
}

static int get_new_password(char *pw, size_t n)
{
	if (read_password("New password: ", pw, n))
		return 1;
	if (isatty(STDIN_FILENO)) {
		char again[PASSWORD_MAX_BYTES + 2];
		if (read_password("Repeat it: ", again, sizeof again))
			return 1;
		if (strcmp(pw, again) != 0) {
			fprintf(stderr, "careplan: the two passwords differ\n");
			return 1;
		}
	}
	return 0;
}

static int cmd_user_add(const struct cli *cli)
{
	if (cli->n_words != 3)
		return usage_error("%s", "user add needs exactly one USERNAME");
	if (!cli->opt[OPT_ROLE])
		return usage_error("%s", "user add needs --role");
	int64_t team = 0, person = 0;
	if ((cli->opt[OPT_TEAM] && str_to_i64(cli->opt[OPT_TEAM], 1, INT64_MAX, &team)) ||
	    (cli->opt[OPT_PERSON] && str_to_i64(cli->opt[OPT_PERSON], 1, INT64_MAX, &person)))
		return usage_error("%s", "--team and --person take a positive number (an id)");
	char pw[PASSWORD_MAX_BYTES + 2];
	if (get_new_password(pw, sizeof pw))
		return 1;
	struct user_new u = {
		.username = cli->words[2],
		.display_name = cli->opt[OPT_NAME] ? cli->opt[OPT_NAME] : cli->words[2],
		.role = cli->opt[OPT_ROLE],
		.discipline = cli->opt[OPT_DISCIPLINE],
		.password = pw,
		.team_id = team,
		.person_id = person,
	};
	char msg[768];
	if (user_validate(&u, msg, sizeof msg)) {
		sodium_memzero(pw, sizeof pw);
		fprintf(stderr, "careplan: cannot add user: %s\n", msg);
		return 1;
	}
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	int64_t id = 0;
	enum cp_err err = user_create(c, &u, &cli_actor, time_now_ms(), &id, msg, sizeof msg);
	sodium_memzero(pw, sizeof pw);
	store_release(st, c);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 1;
	}
	printf("added user %s (id %lld, %s)\n", u.username, (long long)id, role_label(role_from_code(u.role)));
	return 0;
}

static int cmd_user_passwd(const struct cli *cli)
{
	if (cli->n_words != 3)
		return usage_error("%s", "user passwd needs exactly one USERNAME");
	char pw[PASSWORD_MAX_BYTES + 2];
	if (get_new_password(pw, sizeof pw))
		return 1;
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	struct arena *a = arena_new(64 * 1024);
	char msg[512];
	enum cp_err err = a ? user_set_password(c, a, cli->words[2], pw, &cli_actor, time_now_ms(), msg, sizeof msg)
			    : CP_ENOMEM;
	sodium_memzero(pw, sizeof pw);
	arena_free(a);
	store_release(st, c);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: %s\n", err == CP_ENOMEM ? "out of memory" : msg);
		return 1;
	}
	printf("password changed for %s\n", cli->words[2]);
	return 0;
}

static int cmd_user_list(const struct cli *cli)
{
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	struct arena *a = arena_new(8 * 1024 * 1024);
	struct store_user *users = NULL;
	size_t n = 0;
	enum cp_err err = a ? store_user_list(c, a, 10000, &users, &n) : CP_ENOMEM;
	if (!err) {
		printf("%-6s %-20s %-14s %-24s %s\n", "id", "username", "role", "discipline", "name");
		for (size_t i = 0; i < n; i++)
			printf("%-6lld %-20s %-14s %-24s %s%s\n", (long long)users[i].id, users[i].username,
			       users[i].role, users[i].discipline ? users[i].discipline : "-", users[i].display_name,
			       users[i].disabled ? " (disabled)" : "");
	}
	arena_free(a);
	store_release(st, c);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: cannot list users in %s: %s\n", cli->set[SET_db], cp_strerror(err));
		return 1;
	}
	return 0;
}

/* ---- activity events ------------------------------------------------------ */

static void events_refused_print(void *ctx, long line, const char *reason)
{
	fprintf(stderr, "%s: line %ld refused: %s\n", (const char *)ctx, line, reason);
}

static int cmd_events_import(const struct cli *cli)
{
	if (cli->n_words != 3 || !*cli->words[2])
		return usage_error("%s", "events import needs a FILE");
	const char *path = cli->words[2];
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "careplan: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct store *st;
	if (open_store(cli, 1, &st)) {
		if (f != stdin)
			fclose(f);
		return 1;
	}
	struct store_conn *c = store_acquire(st);
	int64_t now = time_now_ms();
	char batch[600];
	snprintf(batch, sizeof batch, "%s at %lld", path, (long long)now);
	struct events_report rep;
	enum cp_err err = events_import(c, &cli_actor, now, f, batch, events_refused_print, (void *)path, &rep);
	store_release(st, c);
	store_close(st);
	if (f != stdin)
		fclose(f);
	if (err) {
		fprintf(stderr, "careplan: the events in %s could not be imported (%s); nothing was stored\n", path,
			cp_strerror(err));
		return 1;
	}
	printf("%s: %lld rows: %lld events added, %lld already stored, %lld refused\n", path, (long long)rep.rows,
	       (long long)rep.added, (long long)rep.already, (long long)rep.refused);
	return rep.refused ? 3 : 0;
}

/* ---- audit, backup ------------------------------------------------------------ */

static int cmd_audit_verify(const struct cli *cli)
{
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	struct store_conn *c = store_acquire(st);
	struct audit_verify_result res;
	enum cp_err err = audit_verify(c, &res);
	store_release(st, c);
	store_close(st);
	if (err == CP_OK) {
		printf("audit trail of %s: %s\n", cli->set[SET_db], res.msg);
		return 0;
	}
	fprintf(stderr, "careplan: audit trail of %s is NOT intact: %s\n", cli->set[SET_db], res.msg);
	return 1;
}

static int cmd_backup(const struct cli *cli)
{
	if (!cli->opt[OPT_TO] || !*cli->opt[OPT_TO])
		return usage_error("%s", "backup needs --to FILE");
	struct store *st;
	if (open_store(cli, 1, &st))
		return 1;
	char msg[512];
	enum cp_err err = store_backup(st, cli->opt[OPT_TO], msg, sizeof msg);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: %s\n", msg);
		return 1;
	}
	printf("backed up %s to %s\n", cli->set[SET_db], cli->opt[OPT_TO]);
	return 0;
}

/* ---- the directory ------------------------------------------------------------ */

#define DIR_FILE_MAX (256u * 1024 * 1024) /* bytes of a file to import */

/* The whole of file path into *out (caller frees) and *len.  1 after
 * reporting an error. */
static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "careplan: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct buf b;
	buf_init(&b, DIR_FILE_MAX);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || b.err) {
		fprintf(stderr, "careplan: cannot read %s: %s\n", path,
			bad ? strerror(errno) : "larger than 256 MB");
		buf_free(&b);
		return 1;
	}
	*len = b.len;
	*out = b.data ? b.data : calloc(1, 1);
	return *out ? 0 : 1;
}

static int cmd_directory(const struct cli *cli, const char *what)
{
	const char *fmt = cli->opt[OPT_FORMAT] ? cli->opt[OPT_FORMAT] : "hsds";
	bool csv = strcmp(fmt, "csv") == 0;
	if (!csv && strcmp(fmt, "hsds") != 0)
		return usage_error("--format \"%s\" must be hsds or csv", fmt);
	bool import = strcmp(what, "import") == 0, districts = strcmp(what, "districts") == 0;
	if (!import && !districts && strcmp(what, "export") != 0)
		return usage_error("unknown command \"directory %s\"", what);
	if ((import || districts) && cli->n_words != 3)
		return usage_error("directory %s needs exactly one FILE", what);
	if (!import && !districts && cli->n_words != 2)
		return usage_error("%s", "directory export takes no FILE: it writes to standard output");
	char *text = NULL;
	size_t len = 0;
	if ((import || districts) && read_file(cli->words[2], &text, &len))
		return 1;
	struct store *st;
	if (open_store(cli, 1, &st)) {
		free(text);
		return 1;
	}
	struct store_conn *c = store_acquire(st);
	struct arena *a = arena_new((size_t)1 << 30);
	int rc = 0;
	enum cp_err err = a ? CP_OK : CP_ENOMEM;
	if (!err && districts) {
		char msg[256];
		size_t n = 0;
		err = dir_districts_load(c, text, len, false, &n, msg, sizeof msg);
		if (err == CP_EINVAL) {
			fprintf(stderr, "careplan: %s: %s\n", cli->words[2], msg);
			rc = 1;
			err = CP_OK;
		} else if (!err) {
			printf("loaded %zu postcode district centres\n", n);
		}
	} else if (!err && import) {
		struct dir_report rep;
		err = csv ? dir_import_csv(c, a, &cli_actor, time_now_ms(), 0, text, len, &rep)
			  : dir_import_hsds(c, a, &cli_actor, time_now_ms(), 0, text, len, false, &rep);
		if (!err && rep.error) {
			fprintf(stderr, "careplan: %s: %s\n", cli->words[2], rep.error);
			rc = 1;
		} else if (!err) {
			for (size_t i = 0; i < rep.n; i++)
				printf("%s\t%s\t%s%s%s\n", dir_outcome_code(rep.rows[i].outcome), rep.rows[i].ref,
				       rep.rows[i].name ? rep.rows[i].name : "", rep.rows[i].message ? "\t" : "",
				       rep.rows[i].message ? rep.rows[i].message : "");
			printf("%zu imported, %zu updated, %zu unchanged, %zu refused\n", rep.count[DIR_IMPORTED],
			       rep.count[DIR_UPDATED], rep.count[DIR_UNCHANGED], rep.count[DIR_REFUSED]);
			rc = rep.count[DIR_REFUSED] ? 1 : 0;
		}
	} else if (!err) {
		struct buf out;
		buf_init(&out, DIR_FILE_MAX);
		err = csv ? dir_export_csv(c, &out) : dir_export_hsds(c, a, &out);
		if (!err && out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
			err = CP_EIO;
		buf_free(&out);
	}
	arena_free(a);
	free(text);
	store_release(st, c);
	store_close(st);
	if (err) {
		fprintf(stderr, "careplan: directory %s in %s: %s\n", what, cli->set[SET_db], cp_strerror(err));
		return 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	static struct cli cli;
	int rc = parse_cli(argc, argv, &cli);
	if (rc)
		return rc;
	static const char *const levels[LOG_LEVEL__MAX] = {"debug", "info", "warn", "error"};
	bool level_ok = false;
	for (int i = 0; i < LOG_LEVEL__MAX; i++)
		if (strcmp(cli.set[SET_log_level], levels[i]) == 0) {
			log_set_level((enum log_level)i);
			level_ok = true;
		}
	if (!level_ok)
		return usage_error("--log-level \"%s\" must be debug, info, warn or error", cli.set[SET_log_level]);
	if (sodium_init() < 0) {
		fprintf(stderr, "careplan: cannot initialise libsodium\n");
		return 1;
	}
	const char *w0 = cli.n_words > 0 ? cli.words[0] : NULL;
	const char *w1 = cli.n_words > 1 ? cli.words[1] : "";
	if (!w0)
		return usage_error("%s", "no command given");
	if (strcmp(w0, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(w0, "version") == 0) {
		printf("careplan %s (schema %d, SQLite, libmicrohttpd, libsodium %s)\n", CAREPLAN_VERSION,
		       STORE_SCHEMA_VERSION, sodium_version_string());
		return 0;
	}
	int max_words = strcmp(w0, "user") == 0 || strcmp(w0, "directory") == 0 || strcmp(w0, "register") == 0 ||
				strcmp(w0, "rules") == 0 || strcmp(w0, "events") == 0
			    ? 3
			: strcmp(w0, "audit") == 0 ? 2
						   : 1;
	if (cli.n_words > max_words)
		return usage_error("unexpected word \"%s\"", cli.words[max_words]);
	if (strcmp(w0, "serve") == 0)
		return cmd_serve(&cli);
	if (strcmp(w0, "init") == 0)
		return cmd_init(&cli);
	if (strcmp(w0, "demo") == 0)
		return cmd_demo(&cli);
	if (strcmp(w0, "backup") == 0)
		return cmd_backup(&cli);
	if (strcmp(w0, "glossary") == 0)
		return cmd_glossary(&cli);
	if (strcmp(w0, "routes") == 0) {
		struct route_info ri;
		for (size_t i = 0; router_route_info(i, &ri); i++)
			printf("%s\t%s\t%s\t%s\n", ri.method, ri.path, ri.public ? "public" : ri.cap, ri.kind);
		return 0;
	}
	if (strcmp(w0, "directory") == 0)
		return cmd_directory(&cli, w1);
	if (strcmp(w0, "register") == 0 && strcmp(w1, "import") == 0)
		return cmd_register_import(&cli);
	if (strcmp(w0, "rules") == 0 && strcmp(w1, "check") == 0)
		return cmd_rules_check(&cli);
	if (strcmp(w0, "audit") == 0 && strcmp(w1, "verify") == 0)
		return cmd_audit_verify(&cli);
	if (strcmp(w0, "events") == 0 && strcmp(w1, "import") == 0)
		return cmd_events_import(&cli);
	if (strcmp(w0, "user") == 0 && strcmp(w1, "add") == 0)
		return cmd_user_add(&cli);
	if (strcmp(w0, "user") == 0 && strcmp(w1, "passwd") == 0)
		return cmd_user_passwd(&cli);
	if (strcmp(w0, "user") == 0 && strcmp(w1, "list") == 0 && cli.n_words == 2)
		return cmd_user_list(&cli);
	return usage_error("unknown command \"%s\"", strcmp(w0, "user") == 0 || strcmp(w0, "audit") == 0
							     ? (cli.n_words > 1 ? cli.words[1] : w0)
							     : w0);
}
