/* tmpfile.h - files created where someone else may write too: never
 * through a link or over a file planted first (O_CREAT | O_EXCL |
 * O_NOFOLLOW, another name on EEXIST), and scratch files in the directory
 * the user chose ($TMPDIR, --tmp-dir), which glibc's tmpfile() ignores. */
#ifndef DOSSIER_BASE_TMPFILE_H
#define DOSSIER_BASE_TMPFILE_H

#include <stdio.h>

/* A new file "DIR/.BASE.tmp.PID" (".PID.1", ".PID.2"... when that name is
 * taken: by a file, a link or anything else, which is never opened),
 * open for writing with mode 0666 less the umask. *path gets its name
 * (caller frees). NULL with errno set when it cannot be created. */
FILE *dx_tmp_create(const char *dir, const char *base, char **path);

/* Whether name is one of dx_tmp_create's for base, and of which process. */
int dx_tmp_name_pid(const char *name, const char *base, long *pid);

/* An unnamed scratch file (created, then unlinked) in dir; dir NULL or ""
 * means $TMPDIR, else /tmp. NULL with errno set when it cannot be made;
 * *where (when not NULL) gets the directory tried (borrowed: dir, the
 * environment's, or "/tmp"). */
FILE *dx_tmp_scratch(const char *dir, const char **where);

#endif
