/*
 * cell.c - cells of the matrix (the cell API of prdr/module.h): what one
 * module says about the recipients that share one class key at one stage,
 * and the actions it asks for.
 *
 * A cell's verdict goes to every recipient of the cell when the module
 * returns (prdr_cell_run).  The reply of a REJECT or TEMPFAIL decides: a
 * module that rejects with a 4xx reply tempfails, and one that tempfails
 * with 5xx rejects (logged), so that the outcome and what the client is told
 * agree.  Actions are checked before they are kept: header names printable
 * ASCII without ':', values and addresses single-line (CR and LF refused and
 * logged, never passed to the MTA), within the limits of limits.h.
 */
#include <string.h>

#include "engine-private.h"
#include "limits.h"

/* The replies of a REJECT or TEMPFAIL given without one. */
#define PRDR_CELL_REJECT_CODE "550"
#define PRDR_CELL_REJECT_ENHANCED "5.7.1"
#define PRDR_CELL_REJECT_TEXT "Rejected"
#define PRDR_CELL_TEMPFAIL_CODE "451"
#define PRDR_CELL_TEMPFAIL_ENHANCED "4.7.1"
#define PRDR_CELL_TEMPFAIL_TEXT "Try again later"

struct PrdrCell {
  PrdrTransaction *txn;             /* the transaction evaluated */
  const PrdrEngineModule *column;   /* the module evaluating */
  PrdrStage stage;                  /* the stage */
  char *class_key;                  /* the shared key, NULL for none */
  GPtrArray *rows;                  /* PrdrRecipient *, not owned */
  PrdrVerdictKind verdict;          /* CONTINUE unless the module said */
  PrdrReply *reply;                 /* for REJECT and TEMPFAIL, owned */
  gboolean deliver;                 /* deliver_and_reject was asked */
  char *deliver_to;                 /* its address, NULL: each recipient itself */
};

const char *
prdr_stage_name (PrdrStage stage)
{
  switch (stage)
    {
    case PRDR_STAGE_CONNECT: return "connect";
    case PRDR_STAGE_HELO: return "helo";
    case PRDR_STAGE_MAIL: return "mail";
    case PRDR_STAGE_RCPT: return "rcpt";
    case PRDR_STAGE_EOM: return "eom";
    }
  return "unknown";
}

PrdrCell *
prdr_cell_new (PrdrTransaction *txn, const PrdrEngineModule *column, PrdrStage stage,
               const char *class_key)
{
  PrdrCell *cell = g_new0 (PrdrCell, 1);

  cell->txn = txn;
  cell->column = column;
  cell->stage = stage;
  cell->class_key = g_strdup (class_key);
  cell->rows = g_ptr_array_new ();
  return cell;
}

void
prdr_cell_free (PrdrCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->class_key);
  g_ptr_array_unref (cell->rows);
  prdr_reply_free (cell->reply);
  g_free (cell->deliver_to);
  g_free (cell);
}

void
prdr_cell_add_row (PrdrCell *cell, PrdrRecipient *rcpt)
{
  g_ptr_array_add (cell->rows, rcpt);
}

PrdrVerdictKind
prdr_cell_verdict (const PrdrCell *cell)
{
  return cell->verdict;
}

PrdrReply *
prdr_cell_steal_reply (PrdrCell *cell)
{
  return g_steal_pointer (&cell->reply);
}

/* ---- prdr/module.h ------------------------------------------------------ */

PrdrStage
prdr_cell_stage (const PrdrCell *cell)
{
  return cell->stage;
}

guint
prdr_cell_recipient_count (const PrdrCell *cell)
{
  return cell->rows->len;
}

const PrdrRecipient *
prdr_cell_recipient (const PrdrCell *cell, guint index)
{
  g_return_val_if_fail (index < cell->rows->len, NULL);
  return g_ptr_array_index (cell->rows, index);
}

const char *
prdr_cell_class_key (const PrdrCell *cell)
{
  return cell->class_key;
}

/* prdr_cell_default_reply - the generic reply of a REJECT or TEMPFAIL. */
static PrdrReply *
prdr_cell_default_reply (PrdrVerdictKind kind)
{
  if (kind == PRDR_VERDICT_TEMPFAIL)
    return prdr_reply_new (PRDR_CELL_TEMPFAIL_CODE, PRDR_CELL_TEMPFAIL_ENHANCED,
                           PRDR_CELL_TEMPFAIL_TEXT, NULL);
  return prdr_reply_new (PRDR_CELL_REJECT_CODE, PRDR_CELL_REJECT_ENHANCED,
                         PRDR_CELL_REJECT_TEXT, NULL);
}

void
prdr_cell_set_verdict (PrdrCell *cell, PrdrVerdictKind kind, PrdrReply *reply)
{
  prdr_reply_free (cell->reply);
  cell->reply = NULL;
  cell->verdict = kind;
  if (kind != PRDR_VERDICT_REJECT && kind != PRDR_VERDICT_TEMPFAIL)
    {
      prdr_reply_free (reply);
      return;
    }
  cell->reply = reply ? reply : prdr_cell_default_reply (kind);
  if ((kind == PRDR_VERDICT_REJECT) != (cell->reply->code[0] == '5'))
    {
      cell->verdict = cell->reply->code[0] == '5' ? PRDR_VERDICT_REJECT
                                                   : PRDR_VERDICT_TEMPFAIL;
      prdr_transaction_log (cell->txn, G_LOG_LEVEL_WARNING,
                            "module %s: %s with reply %s: taken as %s",
                            cell->column->module->name, prdr_verdict_kind_name (kind),
                            cell->reply->code, prdr_verdict_kind_name (cell->verdict));
    }
}

/* prdr_cell_line_valid - @text is one line of at most @max octets. */
static gboolean
prdr_cell_line_valid (const char *text, gsize max)
{
  gsize length = strlen (text);

  if (length == 0 || length > max || !g_utf8_validate (text, length, NULL))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (g_ascii_iscntrl (text[i]) && text[i] != '\t')
      return FALSE;
  return TRUE;
}

static gboolean
prdr_cell_header_name_valid (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > PRDR_ADDED_HEADER_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p < 33 || *p > 126 || *p == ':')
      return FALSE;
  return TRUE;
}

void
prdr_cell_add_header (PrdrCell *cell, const char *name, const char *value)
{
  PrdrTransaction *txn = cell->txn;
  gboolean kept = FALSE;

  if (prdr_cell_header_name_valid (name)
      && prdr_cell_line_valid (value, PRDR_ADDED_HEADER_VALUE_MAX))
    {
      g_mutex_lock (&txn->actions_lock);
      if (txn->added_headers->len < 2 * PRDR_ADDED_HEADERS_MAX)
        {
          g_ptr_array_add (txn->added_headers, g_strdup (name));
          g_ptr_array_add (txn->added_headers, g_strdup (value));
          kept = TRUE;
        }
      g_mutex_unlock (&txn->actions_lock);
    }
  if (!kept)
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING,
                          "module %s: header \"%s\" refused (not one line of at most %d "
                          "octets, invalid name, or more than %d headers)",
                          cell->column->module->name, name, PRDR_ADDED_HEADER_VALUE_MAX,
                          PRDR_ADDED_HEADERS_MAX);
}

/* prdr_cell_address_valid - an address a cell may name. */
static gboolean
prdr_cell_address_valid (const char *address)
{
  return prdr_cell_line_valid (address, PRDR_ADDRESS_MAX)
         && strpbrk (address, "<> \t") == NULL;
}

void
prdr_cell_add_recipient (PrdrCell *cell, const char *address)
{
  PrdrTransaction *txn = cell->txn;
  gboolean kept = FALSE;

  if (prdr_cell_address_valid (address))
    {
      g_mutex_lock (&txn->actions_lock);
      kept = g_ptr_array_find_with_equal_func (txn->added_recipients, address,
                                               g_str_equal, NULL);
      if (!kept && txn->added_recipients->len < PRDR_ADDED_RECIPIENTS_MAX)
        {
          g_ptr_array_add (txn->added_recipients, g_strdup (address));
          kept = TRUE;
        }
      g_mutex_unlock (&txn->actions_lock);
    }
  if (!kept)
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING,
                          "module %s: recipient \"%s\" refused (not a single address, or "
                          "more than %d added)", cell->column->module->name, address,
                          PRDR_ADDED_RECIPIENTS_MAX);
}

void
prdr_cell_deliver_and_reject (PrdrCell *cell, const char *deliver_to, PrdrReply *reply)
{
  if (deliver_to != NULL && !prdr_cell_address_valid (deliver_to))
    {
      prdr_transaction_log (cell->txn, G_LOG_LEVEL_WARNING,
                            "module %s: deliver-to address \"%s\" refused; delivering to "
                            "the recipient", cell->column->module->name, deliver_to);
      deliver_to = NULL;
    }
  prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT, reply);
  cell->deliver = TRUE;
  g_free (cell->deliver_to);
  cell->deliver_to = g_strdup (deliver_to);
}

/* ---- running ------------------------------------------------------------ */

void
prdr_cell_run (PrdrCell *cell)
{
  const PrdrModule *module = cell->column->module;

  module->evaluate (cell->column->instance, cell->txn, cell);
  if (cell->verdict == PRDR_VERDICT_CONTINUE)
    return;
  for (guint i = 0; i < cell->rows->len; i++)
    {
      PrdrRecipient *rcpt = g_ptr_array_index (cell->rows, i);
      const char *deliver_to = NULL;

      if (cell->deliver)
        deliver_to = cell->deliver_to ? cell->deliver_to : rcpt->address;
      prdr_recipient_set_outcome (rcpt, cell->verdict, prdr_reply_copy (cell->reply),
                                  module->name, deliver_to);
      prdr_matrix_log_decision (cell->txn, rcpt, cell->stage);
    }
}
