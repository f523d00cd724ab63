/*
 * programs.c - little /bin/sh programs for the exec module's tests (see
 * programs.h).
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "programs.h"

char *
programs_dir_new (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("prdr-exec-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return dir;
}

void
programs_dir_remove (const char *dir)
{
  g_autofree char *quoted = g_shell_quote (dir);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);
  g_assert_cmpint (system (command), ==, 0);
}

char *
program_write (const char *dir, const char *name, const char *body)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GString) text = g_string_new ("#!/bin/sh\n");
  g_string_append (text, body);
  g_string_replace (text, "@DIR@", dir, 0);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

char *
program_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}
