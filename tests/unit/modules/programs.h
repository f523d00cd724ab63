/*
 * programs.h - little /bin/sh programs in a temporary directory, for the
 * exec module's tests.
 */
#ifndef PRDR_TEST_MODULES_PROGRAMS_H
#define PRDR_TEST_MODULES_PROGRAMS_H

#include <glib.h>

/* programs_dir_new - a new temporary directory, mode 0755 (so that a
 * program's owner other than root can reach it). */
char *programs_dir_new (void);
/* programs_dir_remove - remove it and everything in it. */
void programs_dir_remove (const char *dir);

/* program_write - write @dir/@name: "#!/bin/sh" and @body, where "@DIR@"
 * stands for @dir; mode 0755.  Returns the path. */
char *program_write (const char *dir, const char *name, const char *body);

/* program_file - the contents of @dir/@name, or NULL when it does not
 * exist. */
char *program_file (const char *dir, const char *name);

#endif
