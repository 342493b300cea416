/*
 * demo_dir.c - the demo's directory of local resources: about a hundred
 * fictional services in and around a fictional borough, Leafield, placed in
 * Leeds postcode districts so that "within N miles" works.  The entries are
 * data/demo-directory.json (HSDS JSON) and the district centres
 * data/postcode-districts.csv, built into the program and loaded through
 * the importer, so every demo run exercises the import.  Phone numbers are
 * from Ofcom's drama range (01632 960000 to 960999), emails and websites example.org.
 */
#include <string.h>

#include "demo.h"
#include "dir_hsds.h"
#include "directory.h"

/* The two files, built in by the assembler: each is followed by a NUL so
 * its length can be taken from the end marker. */
__asm__(".section .rodata\n"
	".global demo_dir_json\n"
	"demo_dir_json:\n"
	".incbin \"data/demo-directory.json\"\n"
	".global demo_dir_json_end\n"
	"demo_dir_json_end:\n"
	".byte 0\n"
	".global demo_dir_districts\n"
	"demo_dir_districts:\n"
	".incbin \"data/postcode-districts.csv\"\n"
	".global demo_dir_districts_end\n"
	"demo_dir_districts_end:\n"
	".byte 0\n"
	".previous\n");
extern const char demo_dir_json[], demo_dir_json_end[], demo_dir_districts[], demo_dir_districts_end[];

const char *demo_dir_file(int which, size_t *len)
{
	const char *start = which ? demo_dir_districts : demo_dir_json;
	const char *end = which ? demo_dir_districts_end : demo_dir_json_end;
	*len = (size_t)(end - start);
	return start;
}

enum cp_err demo_dir(const struct demo_ctx *d)
{
	size_t len = 0, n = 0;
	const char *txt = demo_dir_file(1, &len);
	char msg[256];
	enum cp_err err = dir_districts_load(d->c, txt, len, true, &n, msg, sizeof msg);
	if (err)
		return err;
	struct arena *a = arena_new(8 * 1024 * 1024);
	if (!a)
		return CP_ENOMEM;
	struct dir_report rep;
	txt = demo_dir_file(0, &len);
	err = dir_import_hsds(d->c, a, d->who, d->now_ms, 0, txt, len, true, &rep);
	if (!err && (rep.error || rep.count[DIR_REFUSED]))
		err = CP_EINVAL;
	arena_free(a);
	return err;
}
