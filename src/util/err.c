/* err.c - descriptions of enum cp_err, one row per value. */
#include "err.h"

static const char *const cp_err_text[CP_ERR__MAX] = {
	[CP_OK] = "ok",
	[CP_ENOMEM] = "out of memory",
	[CP_EINVAL] = "invalid input",
	[CP_ENOTFOUND] = "not found",
	[CP_ECONFLICT] = "conflict",
	[CP_EFORBIDDEN] = "forbidden",
	[CP_EDB] = "database error",
	[CP_EIO] = "input/output error",
	[CP_ETOOBIG] = "over the size limit",
	[CP_ELOCKED] = "too many attempts",
	[CP_EVERSION] = "database is from a newer version",
};

const char *cp_strerror(enum cp_err err)
{
	if ((unsigned)err >= CP_ERR__MAX)
		return "unknown error";
	return cp_err_text[err];
}
