/*
 * err.h - the one error enum every layer below HTTP returns.
 *
 * A function either returns enum cp_err (CP_OK on success) or a pointer that is
 * NULL on failure; never a mix.  Only the HTTP layer maps these to statuses,
 * through the table in http/resp.c.
 */
#ifndef CP_ERR_H
#define CP_ERR_H

enum cp_err {
	CP_OK = 0,
	CP_ENOMEM,     /* an allocation or a capped buffer ran out */
	CP_EINVAL,     /* input failed validation */
	CP_ENOTFOUND,  /* the object asked for does not exist */
	CP_ECONFLICT,  /* a unique key or a version check failed */
	CP_EFORBIDDEN, /* the caller may not do this */
	CP_EDB,        /* the store failed */
	CP_EIO,        /* a file or socket failed */
	CP_ETOOBIG,    /* input over a declared limit */
	CP_ELOCKED,    /* throttled: too many attempts */
	CP_EVERSION,   /* database written by a newer program */
	CP_ERR__MAX
};

/* A short lower-case description of err for logs and messages; never NULL. */
const char *cp_strerror(enum cp_err err);

#endif
