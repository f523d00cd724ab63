/*
 * ext-mime.c - foreverypart, break and extracttext (RFC 5703 sections 3,
 * 7); the :mime options of header/address/exists are in tst-header.c.
 *
 *   foreverypart [:name <name>] <block>
 *   break [:name <name>]
 *   extracttext [MODIFIER...] [:first <number>] <varname>
 *
 * foreverypart visits every MIME part depth-first, multipart containers
 * included: the outermost loop starts with the message itself, a nested
 * loop visits the parts inside the outer loop's current part (RFC 5703
 * section 3).  The current part is the one header :mime and extracttext
 * look at; it is run state, so it carries across include.  break
 * leaves the innermost loop, or the loop of that name.  extracttext sets a
 * variable to the current part's text (UTF-8, HTML mark-up stripped as for
 * body :text), "" for a non-text part.
 * Limits: loop nesting is bounded by the block nesting limit; parts by
 * PRDR_SIEVE_MAX_MIME_PARTS.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_MIME_NAME = 1, PRDR_SIEVE_MIME_FIRST };

static const PrdrSieveTagDef prdr_sieve_loop_tags[] = {
  { "name", 's', 0, PRDR_SIEVE_MIME_NAME, NULL },
  { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef prdr_sieve_extracttext_tags[] = {
  PRDR_SIEVE_MODIFIER_TAGS,
  { "first", 'n', 0, PRDR_SIEVE_MIME_FIRST, NULL },
  { NULL, 0, 0, 0, NULL },
};


static PrdrSieveStatus
prdr_sieve_cmd_foreverypart_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *name = prdr_sieve_node_tag (node, PRDR_SIEVE_MIME_NAME);
  gint outer = run->current_part;
  /* the outermost loop: every part, the message first; a nested one: the
   * parts inside the outer loop's part, which follow it in the flat list */
  guint first = outer < 0 ? 0 : (guint) outer + 1;
  guint end = outer < 0 ? prdr_sieve_message_n_parts (run->msg)
    : prdr_sieve_message_part (run->msg, outer)->end;
  PrdrSieveStatus st = PRDR_SIEVE_STATUS_OK;

  if (run->loop_depth >= PRDR_SIEVE_MAX_LOOP_DEPTH)
    return prdr_sieve_run_error (run, node, "foreverypart loops nested deeper than %d",
                                 PRDR_SIEVE_MAX_LOOP_DEPTH);
  run->loop_depth++;
  for (guint p = first; p < end; p++)
    {
      run->current_part = p;
      st = prdr_sieve_run_block (run, node->block);
      if (st == PRDR_SIEVE_STATUS_BREAK)
        {
          /* an unnamed break, or one naming this loop, ends here */
          if (!run->break_name
              || (name && g_strcmp0 (run->break_name, prdr_sieve_arg_string (name->param)) == 0))
            {
              g_clear_pointer (&run->break_name, g_free);
              st = PRDR_SIEVE_STATUS_OK;
            }
          break;
        }
      if (st != PRDR_SIEVE_STATUS_OK)
        break;
    }
  run->current_part = outer;
  run->loop_depth--;
  return st;
}

/* prdr_sieve_loop_named - is one of the enclosing loops named @name? */
static gboolean
prdr_sieve_loop_named (PrdrSieveValidator *v, const char *name)
{
  for (guint i = 0; i < v->loop_depth; i++)
    {
      const PrdrSieveTagUse *tag = prdr_sieve_node_tag (v->loops[i], PRDR_SIEVE_MIME_NAME);
      if (tag && g_strcmp0 (prdr_sieve_arg_string (tag->param), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* break must be inside a loop, and a :name must be an enclosing loop's
 * (RFC 5703 section 3: "It is an error if there is no enclosing loop with
 * that name") */
static gboolean
prdr_sieve_cmd_break_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveTagUse *name = prdr_sieve_node_tag (node, PRDR_SIEVE_MIME_NAME);

  if (v->loop_depth == 0)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "break is only allowed inside foreverypart");
      return FALSE;
    }
  if (name && !prdr_sieve_loop_named (v, prdr_sieve_arg_string (name->param)))
    {
      prdr_sieve_validator_error (v, name->param->line, name->param->column,
                                  "break :name \"%s\": no enclosing foreverypart has that name",
                                  prdr_sieve_arg_string (name->param));
      return FALSE;
    }
  return TRUE;
}

static PrdrSieveStatus
prdr_sieve_cmd_break_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *name = prdr_sieve_node_tag (node, PRDR_SIEVE_MIME_NAME);

  g_clear_pointer (&run->break_name, g_free);
  if (name)
    run->break_name = g_strdup (prdr_sieve_arg_string (name->param));
  return PRDR_SIEVE_STATUS_BREAK;
}

static gboolean
prdr_sieve_cmd_extracttext_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);

  if (v->loop_depth == 0)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "extracttext is only allowed inside foreverypart");
      return FALSE;
    }
  if (!prdr_sieve_variable_name_valid (prdr_sieve_arg_string (arg)))
    {
      prdr_sieve_validator_error (v, arg->line, arg->column, "invalid variable name '%s'",
                                  prdr_sieve_arg_string (arg));
      return FALSE;
    }
  return TRUE;
}

static PrdrSieveStatus
prdr_sieve_cmd_extracttext_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *first = prdr_sieve_node_tag (node, PRDR_SIEVE_MIME_FIRST);
  const PrdrSieveMimePart *part = prdr_sieve_message_part (run->msg, MAX (run->current_part, 0));
  g_autofree char *text = part && part->object ? prdr_sieve_part_extract_text (part->object)
    : NULL;
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));

  if (!text)
    text = g_strdup ("");
  if (first && (guint64) g_utf8_strlen (text, -1) > first->param->number)
    *g_utf8_offset_to_pointer (text, first->param->number) = '\0';
  text = prdr_sieve_modifiers_apply (node, text, run->ctx->limits.max_variable_size);
  if (!prdr_sieve_var_set (run, name, text))
    return prdr_sieve_run_error (run, node, "too many variables");
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_cmd_foreverypart = {
  .name = "foreverypart", .kind = PRDR_SIEVE_COMMAND, .tags = prdr_sieve_loop_tags,
  .flags = PRDR_SIEVE_FLAG_BLOCK | PRDR_SIEVE_FLAG_LOOP,
  .exec = prdr_sieve_cmd_foreverypart_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_break = {
  .name = "break", .kind = PRDR_SIEVE_COMMAND, .tags = prdr_sieve_loop_tags,
  .validate = prdr_sieve_cmd_break_validate, .exec = prdr_sieve_cmd_break_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_extracttext = {
  .name = "extracttext", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .tags = prdr_sieve_extracttext_tags, .validate = prdr_sieve_cmd_extracttext_validate,
  .exec = prdr_sieve_cmd_extracttext_exec,
};
