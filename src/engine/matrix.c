/*
 * matrix.c - the recipients x modules matrix: which cells a stage has, in
 * what order they run, and which recipients they decide.
 *
 * Columns are the modules of [general] modules in order; rows are the
 * recipients.  For each column that wants the stage, the recipients not yet
 * decided are grouped by the module's class key (equal keys, or no key at
 * all, share one cell) and each cell is evaluated once.  A final verdict
 * (accept, reject, tempfail, discard) decides its recipients: no later
 * column, and no later stage, evaluates them again.
 *
 * The EOM class keys are asked for at RCPT time and kept with the recipient
 * (prdr/module.h): the front end compares them with the first recipient's
 * (same_class) and the EOM stage groups by the same keys.  A key longer than
 * PRDR_CLASS_KEY_MAX is replaced by its SHA-256 (equality is all that
 * matters).
 *
 * Log: one line per recipient decision, through prdr_transaction_log:
 *   "rcpt=<address> module=<name|-> stage=<stage> verdict=<verdict>
 *    reply=\"<code> <enhanced> <text>\"" ('"' and '\' in the text escaped).
 * Envelope stages log "rcpt=-" when they refuse.
 */
#include <string.h>

#include "engine-private.h"
#include "limits.h"

/* The hash that stands for an overlong class key. */
#define PRDR_MATRIX_KEY_HASH G_CHECKSUM_SHA256

/* ---- log --------------------------------------------------------------- */

/* prdr_matrix_reply_text - "code enhanced text" with '"' and '\' escaped. */
static char *
prdr_matrix_reply_text (const PrdrReply *reply)
{
  GString *text = g_string_new (NULL);

  if (reply == NULL)
    return g_string_free (text, FALSE);
  g_string_append_printf (text, "%s %s ", reply->code, reply->enhanced_code);
  for (const char *p = reply->text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
prdr_matrix_log_line (const PrdrTransaction *txn, const char *address, const char *module,
                      PrdrStage stage, PrdrVerdictKind verdict, const PrdrReply *reply)
{
  g_autofree char *text = prdr_matrix_reply_text (reply);

  prdr_transaction_log (txn, G_LOG_LEVEL_MESSAGE,
                        "rcpt=%s module=%s stage=%s verdict=%s reply=\"%s\"", address,
                        *module ? module : "-", prdr_stage_name (stage),
                        prdr_verdict_kind_name (verdict), text);
}

void
prdr_matrix_log_decision (const PrdrTransaction *txn, const PrdrRecipient *rcpt,
                          PrdrStage stage)
{
  PrdrVerdictKind verdict = rcpt->outcome.verdict;

  /* undecided after every module: accepted by default */
  if (verdict == PRDR_VERDICT_CONTINUE)
    verdict = PRDR_VERDICT_ACCEPT;
  prdr_matrix_log_line (txn, rcpt->address, rcpt->outcome.module, stage, verdict,
                        rcpt->outcome.reply);
}

/* ---- class keys and cells ---------------------------------------------- */

/* prdr_matrix_class_key - the module's key for @rcpt at @stage, bounded. */
static char *
prdr_matrix_class_key (PrdrTransaction *txn, const PrdrEngineModule *column,
                       const PrdrRecipient *rcpt, PrdrStage stage)
{
  char *key;

  if (column->module->class_key == NULL)
    return NULL;
  key = column->module->class_key (column->instance, txn, rcpt, stage);
  if (key != NULL && strlen (key) > PRDR_CLASS_KEY_MAX)
    {
      char *hash = g_compute_checksum_for_string (PRDR_MATRIX_KEY_HASH, key, -1);
      g_free (key);
      key = g_strconcat ("sha256:", hash, NULL);
      g_free (hash);
    }
  return key;
}

static gboolean
prdr_matrix_decided (const PrdrRecipient *rcpt)
{
  return rcpt->outcome.verdict != PRDR_VERDICT_CONTINUE;
}

/* prdr_matrix_cells - the cells of @column for the undecided @rows, in the
 * order of their first recipient.  At EOM the kept keys are used (column
 * number @index); at RCPT the module is asked. */
static GPtrArray *
prdr_matrix_cells (PrdrTransaction *txn, guint index, PrdrStage stage, GPtrArray *rows)
{
  const PrdrEngineModule *column = g_ptr_array_index (txn->conn->engine->modules, index);
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_cell_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  PrdrCell *keyless = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      PrdrRecipient *rcpt = g_ptr_array_index (rows, i);
      g_autofree char *asked = NULL;
      const char *key;
      PrdrCell *cell;

      if (prdr_matrix_decided (rcpt))
        continue;
      if (stage == PRDR_STAGE_EOM)
        key = rcpt->eom_keys[index];
      else
        key = asked = prdr_matrix_class_key (txn, column, rcpt, stage);
      cell = key ? g_hash_table_lookup (by_key, key) : keyless;
      if (cell == NULL)
        {
          cell = prdr_cell_new (txn, column, stage, key);
          g_ptr_array_add (cells, cell);
          if (key != NULL)
            g_hash_table_insert (by_key, (gpointer) prdr_cell_class_key (cell), cell);
          else
            keyless = cell;
        }
      prdr_cell_add_row (cell, rcpt);
    }
  return cells;
}

/* prdr_matrix_run_column - every cell of one column for @rows. */
static void
prdr_matrix_run_column (PrdrTransaction *txn, guint index, PrdrStage stage, GPtrArray *rows)
{
  g_autoptr (GPtrArray) cells = prdr_matrix_cells (txn, index, stage, rows);

  for (guint i = 0; i < cells->len; i++)
    prdr_cell_run (g_ptr_array_index (cells, i));
}

/* prdr_matrix_wants - the column evaluates at @stage. */
static gboolean
prdr_matrix_wants (const PrdrTransaction *txn, guint index, PrdrStage stage)
{
  const PrdrEngineModule *column = g_ptr_array_index (txn->conn->engine->modules, index);
  return (column->module->stages & stage) != 0;
}

/* ---- stages ------------------------------------------------------------ */

PrdrOutcome
prdr_matrix_evaluate_envelope (PrdrTransaction *txn, PrdrStage stage,
                               PrdrReply **reply_store)
{
  GPtrArray *modules = txn->conn->engine->modules;
  PrdrOutcome outcome = { .verdict = PRDR_VERDICT_CONTINUE, .module = "" };

  for (guint i = 0; i < modules->len; i++)
    {
      const PrdrEngineModule *column = g_ptr_array_index (modules, i);
      g_autoptr (PrdrCell) cell = NULL;

      if (!prdr_matrix_wants (txn, i, stage))
        continue;
      cell = prdr_cell_new (txn, column, stage, NULL);
      prdr_cell_run (cell);
      if (prdr_cell_verdict (cell) == PRDR_VERDICT_CONTINUE)
        continue;
      prdr_reply_free (*reply_store);
      *reply_store = prdr_cell_steal_reply (cell);
      outcome.verdict = prdr_cell_verdict (cell);
      outcome.reply = *reply_store;
      outcome.module = column->module->name;
      if (outcome.verdict == PRDR_VERDICT_REJECT || outcome.verdict == PRDR_VERDICT_TEMPFAIL)
        prdr_matrix_log_line (txn, "-", outcome.module, stage, outcome.verdict,
                              outcome.reply);
      break;
    }
  return outcome;
}

void
prdr_matrix_evaluate_rcpt (PrdrTransaction *txn, PrdrRecipient *rcpt)
{
  GPtrArray *modules = txn->conn->engine->modules;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  g_ptr_array_add (rows, rcpt);
  for (guint i = 0; i < modules->len && !prdr_matrix_decided (rcpt); i++)
    if (prdr_matrix_wants (txn, i, PRDR_STAGE_RCPT))
      prdr_matrix_run_column (txn, i, PRDR_STAGE_RCPT, rows);
  if (prdr_matrix_decided (rcpt))
    return;
  for (guint i = 0; i < modules->len; i++)
    if (prdr_matrix_wants (txn, i, PRDR_STAGE_EOM))
      rcpt->eom_keys[i] = prdr_matrix_class_key (txn, g_ptr_array_index (modules, i),
                                                 rcpt, PRDR_STAGE_EOM);
}

void
prdr_matrix_evaluate_eom (PrdrTransaction *txn, GPtrArray *rows)
{
  GPtrArray *modules = txn->conn->engine->modules;

  for (guint i = 0; i < modules->len; i++)
    if (prdr_matrix_wants (txn, i, PRDR_STAGE_EOM))
      prdr_matrix_run_column (txn, i, PRDR_STAGE_EOM, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      PrdrRecipient *rcpt = g_ptr_array_index (rows, i);
      if (!prdr_matrix_decided (rcpt))
        prdr_matrix_log_decision (txn, rcpt, PRDR_STAGE_EOM);
    }
}

gboolean
prdr_matrix_same_class (const PrdrTransaction *txn, const PrdrRecipient *a,
                        const PrdrRecipient *b)
{
  GPtrArray *modules = txn->conn->engine->modules;

  /* decided at RCPT: alike only when decided alike */
  if (prdr_matrix_decided (a) || prdr_matrix_decided (b))
    return a->outcome.verdict == b->outcome.verdict;
  for (guint i = 0; i < modules->len; i++)
    if (g_strcmp0 (a->eom_keys[i], b->eom_keys[i]) != 0)
      return FALSE;
  return TRUE;
}
