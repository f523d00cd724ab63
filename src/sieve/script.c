/*
 * script.c - compiling a script: context defaults, parse + validate,
 * the reference-counted immutable PrdrSieveScript.
 *
 *   prdr_sieve_context_init, prdr_sieve_script_compile/_ref/_unref/
 *   _get_name/_requires, prdr_sieve_diagnostic_free, prdr_sieve_error_quark
 *
 * Limits: script size (limits.max_script_size); the rest is enforced by
 * the lexer, parser and validator.
 */
#include "sieve-private.h"

#include <string.h>

G_DEFINE_QUARK (prdr-sieve-error-quark, prdr_sieve_error)

void
prdr_sieve_context_init (PrdrSieveContext *ctx)
{
  /* the engine parses addresses and messages with GMime (idempotent) */
  g_mime_init ();
  memset (ctx, 0, sizeof *ctx);
  ctx->limits.max_script_size = PRDR_SIEVE_DEFAULT_MAX_SCRIPT_SIZE;
  ctx->limits.max_nesting = PRDR_SIEVE_DEFAULT_MAX_NESTING;
  ctx->limits.max_string_size = PRDR_SIEVE_DEFAULT_MAX_STRING_SIZE;
  ctx->limits.max_variable_size = PRDR_SIEVE_DEFAULT_MAX_VARIABLE_SIZE;
  ctx->limits.max_variables = PRDR_SIEVE_DEFAULT_MAX_VARIABLES;
  ctx->limits.max_actions = PRDR_SIEVE_DEFAULT_MAX_ACTIONS;
  ctx->limits.max_redirects = PRDR_SIEVE_DEFAULT_MAX_REDIRECTS;
  ctx->limits.max_include_depth = PRDR_SIEVE_DEFAULT_MAX_INCLUDE_DEPTH;
  ctx->limits.max_includes = PRDR_SIEVE_DEFAULT_MAX_INCLUDES;
  ctx->limits.max_steps = PRDR_SIEVE_DEFAULT_MAX_STEPS;
  ctx->limits.max_header_size = PRDR_SIEVE_DEFAULT_MAX_HEADER_SIZE;
  ctx->subaddress_separators = "+";
}

void
prdr_sieve_diagnostic_free (PrdrSieveDiagnostic *diag)
{
  if (!diag)
    return;
  g_free (diag->script);
  g_free (diag->message);
  g_free (diag->text);
  g_free (diag);
}

/* prdr_sieve_script_compile_with - the compile of one script text with a
 * validator prepared by the caller (top level or include) */
PrdrSieveScript *
prdr_sieve_script_compile_with (PrdrSieveValidator *v, const char *text, gsize length)
{
  PrdrSieveScript *script;
  GPtrArray *commands;
  GStringChunk *names;

  if (length > v->ctx->limits.max_script_size)
    {
      prdr_sieve_validator_error (v, 1, 1, "script is larger than %" G_GSIZE_FORMAT " octets",
                                  v->ctx->limits.max_script_size);
      return NULL;
    }
  /* nodes point at the script name: it lives as long as the script */
  names = g_string_chunk_new (64);
  v->name = g_string_chunk_insert (names, v->name);
  commands = prdr_sieve_parse (v, text, length);
  if (!prdr_sieve_validate (v, commands) || v->errors)
    {
      g_ptr_array_unref (commands);
      g_string_chunk_free (names);
      return NULL;
    }
  script = g_new0 (PrdrSieveScript, 1);
  script->refcount = 1;
  script->names = names;
  script->name = g_strdup (v->name);
  script->commands = commands;
  script->capabilities = g_ptr_array_ref (v->capabilities);
  script->includes = g_ptr_array_ref (v->includes);
  return script;
}

PrdrSieveScript *
prdr_sieve_script_compile (const PrdrSieveContext *ctx, const char *name, const char *text,
                           gssize length, GPtrArray **diagnostics, GError **error)
{
  guint include_count = 0;
  PrdrSieveValidator v = { .ctx = ctx, .name = name, .include_count = &include_count };
  PrdrSieveScript *script;

  g_return_val_if_fail (ctx && name && text, NULL);
  if (length < 0)
    length = strlen (text);
  v.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_diagnostic_free);
  v.capabilities = g_ptr_array_new_with_free_func (g_free);
  v.includes = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_script_unref);
  script = prdr_sieve_script_compile_with (&v, text, length);
  if (!script)
    g_set_error (error, PRDR_SIEVE_ERROR, PRDR_SIEVE_ERROR_COMPILE,
                 "%s: %u error(s) in the script", name, MAX (v.errors, 1u));
  if (diagnostics)
    {
      if (!*diagnostics)
        *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_diagnostic_free);
      for (guint i = 0; i < v.diagnostics->len; i++)
        g_ptr_array_add (*diagnostics, g_steal_pointer (&v.diagnostics->pdata[i]));
    }
  g_ptr_array_unref (v.diagnostics);
  g_ptr_array_unref (v.capabilities);
  g_ptr_array_unref (v.includes);
  return script;
}

PrdrSieveScript *
prdr_sieve_script_ref (PrdrSieveScript *script)
{
  g_atomic_int_inc (&script->refcount);
  return script;
}

void
prdr_sieve_script_unref (PrdrSieveScript *script)
{
  if (!script || !g_atomic_int_dec_and_test (&script->refcount))
    return;
  g_ptr_array_unref (script->commands);
  g_ptr_array_unref (script->capabilities);
  g_ptr_array_unref (script->includes);
  g_string_chunk_free (script->names);
  g_free (script->name);
  g_free (script);
}

const char *
prdr_sieve_script_get_name (const PrdrSieveScript *script)
{
  return script->name;
}

gboolean
prdr_sieve_script_requires (const PrdrSieveScript *script, const char *cap)
{
  for (guint i = 0; i < script->capabilities->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (script->capabilities, i), cap) == 0)
      return TRUE;
  return FALSE;
}
