/*
 * prdr-sieve.c - check a Sieve script, or run it on a message and print
 * the actions, one per line, in the stable format of prdr-sieve(1).
 *
 *   prdr-sieve --check SCRIPT
 *   prdr-sieve -f SENDER -r RCPT [-o ORCPT] [-a AUTH] [-e NAME=VALUE]...
 *              [--spam SCORE/MAX] [--virus N] [--time EPOCH] SCRIPT MESSAGE
 *
 * Exit status: 0 success, 1 runtime error (message on stderr), 2 compile
 * errors ("file:line:col: message" on stdout), 64 usage, 66 unreadable
 * input.  include finds ":personal" scripts beside SCRIPT and ":global"
 * ones in --global-dir, each as NAME.sieve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sieve/sieve.h"

enum { PRDR_SIEVE_EXIT_OK = 0, PRDR_SIEVE_EXIT_RUNTIME = 1, PRDR_SIEVE_EXIT_COMPILE = 2,
       PRDR_SIEVE_EXIT_USAGE = 64, PRDR_SIEVE_EXIT_NOINPUT = 66 };

typedef struct {
  gboolean check;
  char *sender, *recipient, *orig_recipient, *auth, *spam, *global_dir, *separators;
  char **env;
  int virus;
  gint64 time;
  char *script_dir;
} PrdrSieveToolOptions;

/* prdr_sieve_tool_resolve - include resolver: NAME.sieve in the script's
 * directory (personal) or --global-dir (global) */
static char *
prdr_sieve_tool_resolve (const char *location, const char *name, gsize *length,
                         gpointer data, GError **error)
{
  PrdrSieveToolOptions *o = data;
  const char *dir = g_strcmp0 (location, "global") == 0 ? o->global_dir : o->script_dir;
  g_autofree char *file = NULL, *path = NULL;
  char *text = NULL;

  if (!dir || strchr (name, '/'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no %s script '%s'", location, name);
      return NULL;
    }
  file = g_str_has_suffix (name, ".sieve") ? g_strdup (name) : g_strconcat (name, ".sieve", NULL);
  path = g_build_filename (dir, file, NULL);
  if (!g_file_get_contents (path, &text, length, NULL))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no %s script '%s'", location, name);
  return text;
}

static gboolean
prdr_sieve_tool_context (PrdrSieveToolOptions *o, PrdrSieveContext *ctx, GHashTable *env)
{
  prdr_sieve_context_init (ctx);
  ctx->script_resolver = prdr_sieve_tool_resolve;
  ctx->resolver_data = o;
  ctx->current_time = o->time;
  if (o->separators)
    ctx->subaddress_separators = o->separators;
  for (char **e = o->env; e && *e; e++)
    {
      const char *eq = strchr (*e, '=');
      if (!eq)
        {
          fprintf (stderr, "prdr-sieve: -e needs NAME=VALUE, got '%s'\n", *e);
          return FALSE;
        }
      g_hash_table_insert (env, g_strndup (*e, eq - *e), g_strdup (eq + 1));
    }
  ctx->environment = env;
  if (o->spam)
    {
      char *end = NULL;
      ctx->spam_score = g_ascii_strtod (o->spam, &end);
      ctx->spam_max = end && *end == '/' ? g_ascii_strtod (end + 1, &end) : 0;
      if (!end || *end || ctx->spam_max <= 0)
        {
          fprintf (stderr, "prdr-sieve: --spam needs SCORE/MAX, got '%s'\n", o->spam);
          return FALSE;
        }
      ctx->have_spam = TRUE;
    }
  if (o->virus)
    {
      ctx->have_virus = TRUE;
      ctx->virus_level = o->virus;
    }
  return TRUE;
}

static int
prdr_sieve_tool_compile (const char *path, const PrdrSieveContext *ctx,
                         PrdrSieveScript **script)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diags = NULL;

  if (!g_file_get_contents (path, &text, &len, &error))
    {
      fprintf (stderr, "prdr-sieve: %s\n", error->message);
      return PRDR_SIEVE_EXIT_NOINPUT;
    }
  *script = prdr_sieve_script_compile (ctx, path, text, len, &diags, &error);
  for (guint i = 0; diags && i < diags->len; i++)
    printf ("%s\n", ((PrdrSieveDiagnostic *) g_ptr_array_index (diags, i))->text);
  return *script ? PRDR_SIEVE_EXIT_OK : PRDR_SIEVE_EXIT_COMPILE;
}

static void
prdr_sieve_tool_print (const PrdrSieveResult *res)
{
  for (guint i = 0; i < res->actions->len; i++)
    {
      g_autofree char *line = prdr_sieve_action_format (g_ptr_array_index (res->actions, i));
      printf ("%s\n", line);
    }
  if (res->implicit_keep)
    {
      g_autoptr (GString) line = g_string_new ("implicit keep");
      if (res->keep_flags && res->keep_flags[0])
        {
          g_string_append (line, " flags");
          for (char **f = res->keep_flags; *f; f++)
            {
              g_string_append_c (line, ' ');
              prdr_sieve_string_quote (line, *f);
            }
        }
      printf ("%s\n", line->str);
    }
}

static int
prdr_sieve_tool_run (PrdrSieveToolOptions *o, const PrdrSieveContext *ctx,
                     PrdrSieveScript *script, const char *message_path)
{
  g_autofree char *raw = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  g_autoptr (PrdrSieveResult) res = NULL;
  PrdrSieveEnvelope env = { .sender = o->sender, .recipient = o->recipient,
                            .orig_recipient = o->orig_recipient, .auth_user = o->auth };

  if (!g_file_get_contents (message_path, &raw, &len, &error))
    {
      fprintf (stderr, "prdr-sieve: %s\n", error->message);
      return PRDR_SIEVE_EXIT_NOINPUT;
    }
  msg = prdr_sieve_message_new_from_bytes (raw, len, &error);
  if (msg)
    res = prdr_sieve_script_run (script, msg, &env, ctx, &error);
  if (!res)
    {
      fprintf (stderr, "prdr-sieve: %s\n", error->message);
      return PRDR_SIEVE_EXIT_RUNTIME;
    }
  for (guint i = 0; i < res->warnings->len; i++)
    fprintf (stderr, "prdr-sieve: warning: %s\n", (char *) g_ptr_array_index (res->warnings, i));
  prdr_sieve_tool_print (res);
  return PRDR_SIEVE_EXIT_OK;
}

/* prdr_sieve_tool_options_clear - what GOption and main() allocated. */
static void
prdr_sieve_tool_options_clear (PrdrSieveToolOptions *o)
{
  g_free (o->script_dir);
  g_strfreev (o->env);
  g_free (o->sender);
  g_free (o->recipient);
  g_free (o->orig_recipient);
  g_free (o->auth);
  g_free (o->spam);
  g_free (o->global_dir);
  g_free (o->separators);
}

int
main (int argc, char **argv)
{
  PrdrSieveToolOptions o = { 0 };
  GOptionEntry entries[] = {
    { "check", 'c', 0, G_OPTION_ARG_NONE, &o.check, "only compile SCRIPT", NULL },
    { "from", 'f', 0, G_OPTION_ARG_STRING, &o.sender, "envelope sender (\"\" for <>)", "SENDER" },
    { "rcpt", 'r', 0, G_OPTION_ARG_STRING, &o.recipient, "envelope recipient", "RCPT" },
    { "orcpt", 'o', 0, G_OPTION_ARG_STRING, &o.orig_recipient, "original recipient", "ORCPT" },
    { "auth", 'a', 0, G_OPTION_ARG_STRING, &o.auth, "authenticated user", "USER" },
    { "env", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &o.env, "environment item", "NAME=VALUE" },
    { "spam", 0, 0, G_OPTION_ARG_STRING, &o.spam, "spam score and maximum", "SCORE/MAX" },
    { "virus", 0, 0, G_OPTION_ARG_INT, &o.virus, "virus level 1..5 (RFC 5235)", "N" },
    { "time", 0, 0, G_OPTION_ARG_INT64, &o.time, "current time for currentdate", "EPOCH" },
    { "global-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.global_dir, "include :global dir", "DIR" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &o.separators, "subaddress separators", "CHARS" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) oc = g_option_context_new ("SCRIPT [MESSAGE]");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (PrdrSieveScript) script = NULL;
  PrdrSieveContext ctx;
  int rc;

  g_option_context_add_main_entries (oc, entries, NULL);
  g_option_context_set_summary (oc, "Check a Sieve script, or run it on a message.");
  if (!g_option_context_parse (oc, &argc, &argv, &error)
      || argc != (o.check ? 2 : 3) || (!o.check && (!o.sender || !o.recipient))
      || o.virus < 0 || o.virus > 5)
    {
      fprintf (stderr, "prdr-sieve: %s\nusage: prdr-sieve --check SCRIPT\n"
               "       prdr-sieve -f SENDER -r RCPT [options] SCRIPT MESSAGE\n",
               error ? error->message : "wrong arguments");
      prdr_sieve_tool_options_clear (&o);
      return PRDR_SIEVE_EXIT_USAGE;
    }
  g_mime_init ();
  o.script_dir = g_path_get_dirname (argv[1]);
  if (!prdr_sieve_tool_context (&o, &ctx, env))
    rc = PRDR_SIEVE_EXIT_USAGE;
  else if ((rc = prdr_sieve_tool_compile (argv[1], &ctx, &script)) == PRDR_SIEVE_EXIT_OK
           && !o.check)
    rc = prdr_sieve_tool_run (&o, &ctx, script, argv[2]);
  prdr_sieve_tool_options_clear (&o);
  return rc;
}
