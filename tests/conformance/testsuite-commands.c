/*
 * testsuite-commands.c - the commands and tests of vnd.dovecot.testsuite
 * (test-only; see the suite's README.md for their meaning): test,
 * test_fail, test_set, test_config_set/_unset/_reload, test_script_compile,
 * test_script_run, test_multiscript, test_error, test_result_action,
 * test_result_execute, test_result_reset, test_message, test_mailbox_create,
 * test_binary_save/_load (no compiled binaries here: keep the script),
 * test_result_print, test_message_print.
 */
#include "testsuite.h"

#include <string.h>

enum { TS_TAG_INDEX = 1, TS_TAG_APPEND, TS_TAG_SMTP, TS_TAG_FOLDER, TS_TAG_EXTENSION };

TsState *
ts_state (PrdrSieveRun *run)
{
  return run->ext_data;
}

/* ts_block_add - a failed block that compiled a script naming an
 * out-of-scope extension is skipped (unsupported), not failed */
static void
ts_block_add (TsState *ts, const char *name, gboolean passed, const char *reason)
{
  TsBlock *b = g_new0 (TsBlock, 1);
  b->name = g_strdup (name);
  b->passed = passed;
  b->skipped = !passed && ts->unsupported;
  b->reason = b->skipped ? g_strdup_printf ("unsupported extension '%s' (%s)", ts->unsupported,
                                            reason)
                         : g_strdup (reason);
  g_ptr_array_add (ts->blocks, b);
}

static void
ts_result_reset (PrdrSieveRun *run)
{
  prdr_sieve_result_free (run->result);
  run->result = prdr_sieve_result_new ();
  g_ptr_array_set_size (run->flags, 0);
  g_clear_pointer (&run->edited_fields, g_ptr_array_unref);
  ts_state (run)->executed = 0;
  ts_state (run)->kept = FALSE;
}

/* test <name> <block> */
static PrdrSieveStatus
ts_test_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  TsState *ts = ts_state (run);
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  PrdrSieveStatus st;

  g_clear_pointer (&ts->fail_reason, g_free);
  g_clear_pointer (&ts->unsupported, g_free);
  ts_result_reset (run);
  run->steps = 0;
  ts->in_block = TRUE;
  st = prdr_sieve_run_block (run, node->block);
  ts->in_block = FALSE;
  if (st == PRDR_SIEVE_STATUS_UNWIND)
    ts_block_add (ts, name, FALSE, ts->fail_reason ? ts->fail_reason : "test_fail");
  else if (st == PRDR_SIEVE_STATUS_ERROR)
    {
      ts_block_add (ts, name, FALSE, run->error ? run->error->message : "runtime error");
      g_clear_error (&run->error);
    }
  else
    ts_block_add (ts, name, TRUE, NULL);
  return st == PRDR_SIEVE_STATUS_STOP ? PRDR_SIEVE_STATUS_STOP : PRDR_SIEVE_STATUS_OK;
}

/* test_fail <reason> */
static PrdrSieveStatus
ts_fail_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  TsState *ts = ts_state (run);
  g_free (ts->fail_reason);
  ts->fail_reason = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  return PRDR_SIEVE_STATUS_UNWIND;
}

static const char *const ts_set_objects[] = {
  "message", "envelope.from", "envelope.to", "envelope.orig_to", "envelope.auth",
};

static gboolean
ts_set_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ts_set_objects); i++)
    if (g_ascii_strcasecmp (prdr_sieve_arg_string (arg), ts_set_objects[i]) == 0)
      return TRUE;
  prdr_sieve_validator_error (v, arg->line, arg->column, "unknown testsuite object '%s'",
                              prdr_sieve_arg_string (arg));
  return FALSE;
}

/* test_set <object> <value> */
static PrdrSieveStatus
ts_set_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *object = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autofree char *value = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1));

  if (g_ascii_strcasecmp (object, "message") == 0)
    ts_message_set (run, value, TRUE);
  else
    ts_envelope_set (run, object + strlen ("envelope."), value);
  return PRDR_SIEVE_STATUS_OK;
}

/* test_config_set <setting> <value>, test_config_unset <setting> */
static PrdrSieveStatus
ts_config_set_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  TsState *ts = ts_state (run);
  char *value = node->positional->len > 1
    ? prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1)) : NULL;

  if (value)
    g_hash_table_insert (ts->config, prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0)),
                         value);
  else
    {
      g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
      g_hash_table_remove (ts->config, name);
    }
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
ts_config_reload_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  (void) node;
  ts_context_reload (ts_state (run));
  ts_scores_refresh (run);
  return PRDR_SIEVE_STATUS_OK;
}

/* ts_compile - compile a fixture relative to the .svtest directory,
 * collecting its errors */
static PrdrSieveScript *
ts_compile (TsState *ts, const char *path)
{
  g_autofree char *file = g_build_filename (ts->dir, path, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  PrdrSieveScript *script;

  g_ptr_array_set_size (ts->errors, 0);
  if (!g_file_get_contents (file, &text, &len, &error))
    {
      g_ptr_array_add (ts->errors, g_strdup (error->message));
      return NULL;
    }
  if (!ts->unsupported)
    ts->unsupported = ts_scope_unsupported (&ts->ctx, text);
  script = prdr_sieve_script_compile (&ts->ctx, path, text, len, &diags, NULL);
  for (guint i = 0; diags && i < diags->len; i++)
    {
      PrdrSieveDiagnostic *d = g_ptr_array_index (diags, i);
      /* test_error matches the message without its file:line:col */
      if (!d->warning)
        g_ptr_array_add (ts->errors, g_strdup (d->message));
    }
  /* Pigeonhole ends a failed compile with one more error line, which the
   * suite's error counts include */
  if (!script)
    g_ptr_array_add (ts->errors, g_strdup_printf ("%s: compile failed", path));
  return script;
}

static PrdrSieveStatus
ts_script_compile_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  TsState *ts = ts_state (run);
  g_autofree char *path = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));

  g_clear_pointer (&ts->current, prdr_sieve_script_unref);
  ts->current = ts_compile (ts, path);
  *result = ts->current != NULL;
  return PRDR_SIEVE_STATUS_OK;
}

/* ts_run_one - run @script in the current run, into the current result;
 * a separate execution, so with its own global variables and include
 * :once record (RFC 6609 sections 3.2, 3.4) */
static PrdrSieveStatus
ts_run_one (PrdrSieveRun *run, PrdrSieveScript *script, gboolean *result)
{
  TsState *ts = ts_state (run);
  guint64 steps = run->steps;
  PrdrSieveStatus st;
  const PrdrSieveContext *saved = run->ctx;
  PrdrSieveVarScope *saved_global = run->global;
  GHashTable *saved_once = run->included_once;

  run->steps = 0;
  g_ptr_array_set_size (run->match_vars, 0);
  run->ctx = &ts->ctx;
  run->global = prdr_sieve_var_scope_new ();
  run->included_once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st = prdr_sieve_run_script (run, script);
  prdr_sieve_var_scope_free (run->global);
  g_hash_table_unref (run->included_once);
  run->global = saved_global;
  run->included_once = saved_once;
  run->ctx = saved;
  run->steps = steps;
  *result = st == PRDR_SIEVE_STATUS_OK || st == PRDR_SIEVE_STATUS_STOP;
  if (st == PRDR_SIEVE_STATUS_ERROR)
    {
      g_ptr_array_add (ts->errors, g_strdup (run->error ? run->error->message : "error"));
      g_clear_error (&run->error);
      return PRDR_SIEVE_STATUS_OK;
    }
  return st == PRDR_SIEVE_STATUS_UNWIND ? st : PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
ts_script_run_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  TsState *ts = ts_state (run);

  *result = FALSE;
  g_ptr_array_set_size (ts->errors, 0);
  if (!ts->current)
    return PRDR_SIEVE_STATUS_OK;
  if (!prdr_sieve_node_tag (node, TS_TAG_APPEND))
    ts_result_reset (run);
  return ts_run_one (run, ts->current, result);
}

/* test_multiscript <scripts>: each runs while the earlier ones allow it */
static PrdrSieveStatus
ts_multiscript_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  TsState *ts = ts_state (run);
  g_autoptr (GPtrArray) paths = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));

  ts_result_reset (run);
  *result = TRUE;
  for (guint i = 0; i < paths->len && *result; i++)
    {
      g_autoptr (PrdrSieveScript) s = ts_compile (ts, g_ptr_array_index (paths, i));
      PrdrSieveStatus st;
      if (!s)
        {
          *result = FALSE;
          break;
        }
      st = ts_run_one (run, s, result);
      if (st != PRDR_SIEVE_STATUS_OK)
        return st;
    }
  if (*result)
    *result = ts_result_execute (run);
  return PRDR_SIEVE_STATUS_OK;
}

/* ts_values_index - the values, or only the :index'th (1-based) */
static void
ts_values_index (const PrdrSieveNode *node, GPtrArray *values)
{
  const PrdrSieveTagUse *idx = prdr_sieve_node_tag (node, TS_TAG_INDEX);
  char *keep;

  if (!idx)
    return;
  keep = idx->param->number >= 1 && idx->param->number <= values->len
    ? g_strdup (g_ptr_array_index (values, idx->param->number - 1)) : NULL;
  g_ptr_array_set_size (values, 0);
  if (keep)
    g_ptr_array_add (values, keep);
}

static PrdrSieveStatus
ts_error_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  TsState *ts = ts_state (run);
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ts->errors->len; i++)
    g_ptr_array_add (values, g_strdup (g_ptr_array_index (ts->errors, i)));
  ts_values_index (node, values);
  return prdr_sieve_run_match (run, node, values, keys, result);
}

/* ts_action_name - Pigeonhole's action names */
static const char *
ts_action_name (const PrdrSieveAction *a)
{
  switch (a->kind)
    {
    case PRDR_SIEVE_ACTION_FILEINTO: return "store";
    case PRDR_SIEVE_ACTION_EREJECT: return "reject";
    case PRDR_SIEVE_ACTION_ADDHEADER: case PRDR_SIEVE_ACTION_DELETEHEADER: return NULL;
    default: return prdr_sieve_action_kind_name (a->kind);
    }
}

static PrdrSieveStatus
ts_result_action_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < run->result->actions->len; i++)
    {
      const char *name = ts_action_name (g_ptr_array_index (run->result->actions, i));
      if (name)
        g_ptr_array_add (values, g_strdup (name));
    }
  ts_values_index (node, values);
  return prdr_sieve_run_match (run, node, values, keys, result);
}

static PrdrSieveStatus
ts_result_execute_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  (void) node;
  g_ptr_array_set_size (ts_state (run)->errors, 0);
  *result = ts_result_execute (run);
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
ts_result_reset_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  (void) node;
  ts_result_reset (run);
  g_ptr_array_set_size (ts_state (run)->smtp, 0);
  return PRDR_SIEVE_STATUS_OK;
}

/* test_message (:smtp / :folder <mailbox>) <index> */
static PrdrSieveStatus
ts_message_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  TsState *ts = ts_state (run);
  const PrdrSieveTagUse *folder = prdr_sieve_node_tag (node, TS_TAG_FOLDER);
  guint64 index = prdr_sieve_node_arg (node, 0)->number;

  *result = FALSE;
  if (folder)
    {
      g_autofree char *name = prdr_sieve_run_string (run, folder->param);
      const TsStored *m = ts_mailbox_message (ts, name, index);
      if (m)
        {
          ts_message_set (run, m->raw, FALSE);
          ts_store_flags_restore (run, m);
          *result = TRUE;
        }
    }
  else if (index < ts->smtp->len)
    {
      TsMail *m = g_ptr_array_index (ts->smtp, index);
      ts_message_set (run, m->raw, FALSE);
      ts_envelope_set (run, "from", m->from);
      ts_envelope_set (run, "to", m->to);
      *result = TRUE;
    }
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
ts_message_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  gboolean ok;
  PrdrSieveStatus st = ts_message_eval (run, node, &ok);

  if (st == PRDR_SIEVE_STATUS_OK && !ok)
    {
      g_free (ts_state (run)->fail_reason);
      ts_state (run)->fail_reason = g_strdup ("test_message: no such message");
      return PRDR_SIEVE_STATUS_UNWIND;
    }
  return st;
}

static gboolean
ts_message_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  if (node->tags->len != 1)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "test_message needs :smtp or :folder");
      return FALSE;
    }
  return TRUE;
}

static PrdrSieveStatus
ts_mailbox_create_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  ts_mailbox_store (ts_state (run), name, NULL);
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
ts_nothing_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  (void) run;
  (void) node;
  return PRDR_SIEVE_STATUS_OK;
}

static const PrdrSieveTagDef ts_index_tags[] = {
  { "index", 'n', 0, TS_TAG_INDEX, NULL }, { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef ts_run_tags[] = {
  { "append_result", 0, 0, TS_TAG_APPEND, NULL }, { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef ts_message_tags[] = {
  { "smtp", 0, 1, TS_TAG_SMTP, NULL }, { "folder", 's', 1, TS_TAG_FOLDER, NULL },
  { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef ts_reload_tags[] = {
  { "extension", 's', 0, TS_TAG_EXTENSION, NULL }, { NULL, 0, 0, 0, NULL },
};

#define TS_COMMAND(var, cname, sig, fn)                                        \
  static const PrdrSieveCommandDef var = {                                    \
    .name = cname, .kind = PRDR_SIEVE_COMMAND, .signature = sig, .exec = fn,  \
  };
TS_COMMAND (ts_cmd_fail, "test_fail", "s", ts_fail_exec)
TS_COMMAND (ts_cmd_config_unset, "test_config_unset", "s", ts_config_set_exec)
TS_COMMAND (ts_cmd_config_set, "test_config_set", "ss", ts_config_set_exec)
TS_COMMAND (ts_cmd_result_reset, "test_result_reset", "", ts_result_reset_exec)
TS_COMMAND (ts_cmd_mailbox_create, "test_mailbox_create", "s", ts_mailbox_create_exec)
TS_COMMAND (ts_cmd_binary_save, "test_binary_save", "s", ts_nothing_exec)
TS_COMMAND (ts_cmd_binary_load, "test_binary_load", "s", ts_nothing_exec)
TS_COMMAND (ts_cmd_result_print, "test_result_print", "", ts_nothing_exec)
TS_COMMAND (ts_cmd_message_print, "test_message_print", "", ts_nothing_exec)

static const PrdrSieveCommandDef ts_cmd_test = {
  .name = "test", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .flags = PRDR_SIEVE_FLAG_BLOCK | PRDR_SIEVE_FLAG_TOPLEVEL, .exec = ts_test_exec,
};
static const PrdrSieveCommandDef ts_cmd_set = {
  .name = "test_set", .kind = PRDR_SIEVE_COMMAND, .signature = "ss",
  .validate = ts_set_validate, .exec = ts_set_exec,
};
static const PrdrSieveCommandDef ts_cmd_config_reload = {
  .name = "test_config_reload", .kind = PRDR_SIEVE_COMMAND, .tags = ts_reload_tags,
  .exec = ts_config_reload_exec,
};
static const PrdrSieveCommandDef ts_tst_script_compile = {
  .name = "test_script_compile", .kind = PRDR_SIEVE_TEST, .signature = "s",
  .eval = ts_script_compile_eval,
};
static const PrdrSieveCommandDef ts_tst_script_run = {
  .name = "test_script_run", .kind = PRDR_SIEVE_TEST, .tags = ts_run_tags,
  .eval = ts_script_run_eval,
};
static const PrdrSieveCommandDef ts_tst_multiscript = {
  .name = "test_multiscript", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .eval = ts_multiscript_eval,
};
static const PrdrSieveCommandDef ts_tst_error = {
  .name = "test_error", .kind = PRDR_SIEVE_TEST, .signature = "l", .tags = ts_index_tags,
  .flags = PRDR_SIEVE_FLAG_MATCH, .eval = ts_error_eval,
};
static const PrdrSieveCommandDef ts_tst_result_action = {
  .name = "test_result_action", .kind = PRDR_SIEVE_TEST, .signature = "l",
  .tags = ts_index_tags, .flags = PRDR_SIEVE_FLAG_MATCH, .eval = ts_result_action_eval,
};
static const PrdrSieveCommandDef ts_tst_result_execute = {
  .name = "test_result_execute", .kind = PRDR_SIEVE_TEST, .eval = ts_result_execute_eval,
};
static const PrdrSieveCommandDef ts_hyb_message = {
  .name = "test_message", .kind = PRDR_SIEVE_HYBRID, .signature = "n", .tags = ts_message_tags,
  .validate = ts_message_validate, .exec = ts_message_exec, .eval = ts_message_eval,
};

const PrdrSieveExtension ts_extension = {
  .name = "vnd.dovecot.testsuite",
  .namespaces = (const char *const[]) { "tst", NULL },
  .commands = (const PrdrSieveCommandDef *const[]) {
    &ts_cmd_test, &ts_cmd_fail, &ts_cmd_set, &ts_cmd_config_set, &ts_cmd_config_unset,
    &ts_cmd_config_reload, &ts_cmd_result_reset, &ts_cmd_mailbox_create,
    &ts_cmd_binary_save, &ts_cmd_binary_load, &ts_cmd_result_print, &ts_cmd_message_print,
    &ts_tst_script_compile, &ts_tst_script_run, &ts_tst_multiscript, &ts_tst_error,
    &ts_tst_result_action, &ts_tst_result_execute, &ts_hyb_message, NULL,
  },
  .hidden = TRUE,
};
