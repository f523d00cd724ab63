/*
 * parser.c - recursive-descent parser for the Sieve grammar (RFC 5228
 * section 8.2) producing the syntax tree (PrdrSieveNode).
 *
 *   prdr_sieve_parse, prdr_sieve_node_free, prdr_sieve_arg_free
 *
 * On a syntax error the parser reports "expected X, found Y" and recovers
 * at the next ';' or at the '}' closing the current block, so one compile
 * reports several errors (up to PRDR_SIEVE_MAX_ERRORS, then it stops); a
 * tree with syntax errors is not validated.  Limits, each reported once
 * where it is crossed and then skipped: nesting of blocks and, apart,
 * nesting of tests (max_nesting each), items of one string list
 * (PRDR_SIEVE_MAX_LIST_ITEMS), arguments of a command
 * (PRDR_SIEVE_MAX_ARGUMENTS).
 */
#include "sieve-private.h"
#include "lexer.h"

typedef struct {
  PrdrSieveValidator *v;
  PrdrSieveLexer lx;
  guint depth;                  /* blocks */
  guint test_depth;             /* tests inside tests */
} PrdrSieveParser;

#define TOK(p) ((p)->lx.token.type)

static gboolean prdr_sieve_parse_commands (PrdrSieveParser *p, GPtrArray *out, gboolean in_block);
static PrdrSieveNode *prdr_sieve_parse_test (PrdrSieveParser *p);

void
prdr_sieve_arg_free (PrdrSieveArg *arg)
{
  if (!arg)
    return;
  g_free (arg->tag);
  if (arg->strings)
    g_ptr_array_unref (arg->strings);
  g_free (arg);
}

void
prdr_sieve_node_free (PrdrSieveNode *node)
{
  if (!node)
    return;
  if (node->data && node->data_free)
    node->data_free (node->data);
  if (node->match.regex)
    g_ptr_array_unref (node->match.regex);
  g_free (node->identifier);
  g_ptr_array_unref (node->args);
  if (node->positional)
    g_ptr_array_unref (node->positional);
  if (node->tags)
    g_array_unref (node->tags);
  if (node->tests)
    g_ptr_array_unref (node->tests);
  if (node->block)
    g_ptr_array_unref (node->block);
  g_free (node);
}

static void
prdr_sieve_parse_lex_error (gpointer data, guint line, guint column, const char *message)
{
  prdr_sieve_validator_add (data, FALSE, line, column, message);
}

static gboolean
prdr_sieve_parse_too_many (PrdrSieveParser *p)
{
  return p->v->errors >= PRDR_SIEVE_MAX_ERRORS;
}

/* prdr_sieve_parse_expected - "expected X, found Y" at the current token */
static void
prdr_sieve_parse_expected (PrdrSieveParser *p, const char *what)
{
  if (TOK (p) == PRDR_SIEVE_TOKEN_ERROR)
    return;  /* the lexer said why already */
  prdr_sieve_validator_error (p->v, p->lx.token.line, p->lx.token.column,
                              "expected %s, but found %s", what,
                              prdr_sieve_token_describe (TOK (p)));
}

/* prdr_sieve_parse_recover - skip to after the next ';' at this level, or
 * stop before a '}' that closes the current block */
static void
prdr_sieve_parse_recover (PrdrSieveParser *p)
{
  guint level = 0;

  while (TOK (p) != PRDR_SIEVE_TOKEN_EOF)
    {
      if (TOK (p) == PRDR_SIEVE_TOKEN_LBRACE)
        level++;
      else if (TOK (p) == PRDR_SIEVE_TOKEN_RBRACE)
        {
          if (level == 0)
            return;
          if (--level == 0)
            {
              prdr_sieve_lexer_next (&p->lx);
              return;
            }
        }
      else if (TOK (p) == PRDR_SIEVE_TOKEN_SEMICOLON && level == 0)
        {
          prdr_sieve_lexer_next (&p->lx);
          return;
        }
      prdr_sieve_lexer_next (&p->lx);
    }
}

static PrdrSieveArg *
prdr_sieve_parse_arg_new (PrdrSieveParser *p, PrdrSieveArgType type)
{
  PrdrSieveArg *arg = g_new0 (PrdrSieveArg, 1);
  arg->type = type;
  arg->line = p->lx.token.line;
  arg->column = p->lx.token.column;
  if (type == PRDR_SIEVE_ARG_STRING || type == PRDR_SIEVE_ARG_STRING_LIST)
    arg->strings = g_ptr_array_new_with_free_func (g_free);
  return arg;
}

/* string-list = "[" string *("," string) "]" */
static PrdrSieveArg *
prdr_sieve_parse_string_list (PrdrSieveParser *p)
{
  PrdrSieveArg *arg = prdr_sieve_parse_arg_new (p, PRDR_SIEVE_ARG_STRING_LIST);

  prdr_sieve_lexer_next (&p->lx);
  for (;;)
    {
      if (TOK (p) != PRDR_SIEVE_TOKEN_STRING)
        {
          prdr_sieve_parse_expected (p, "a string in the string list");
          prdr_sieve_arg_free (arg);
          return NULL;
        }
      if (arg->strings->len >= PRDR_SIEVE_MAX_LIST_ITEMS)
        {
          prdr_sieve_validator_error (p->v, arg->line, arg->column,
                                      "string list has more than %d items",
                                      PRDR_SIEVE_MAX_LIST_ITEMS);
          prdr_sieve_arg_free (arg);
          return NULL;
        }
      g_ptr_array_add (arg->strings, g_strdup (p->lx.token.text->str));
      prdr_sieve_lexer_next (&p->lx);
      if (TOK (p) == PRDR_SIEVE_TOKEN_RBRACKET)
        break;
      if (TOK (p) != PRDR_SIEVE_TOKEN_COMMA)
        {
          prdr_sieve_parse_expected (p, "',' or ']' in the string list");
          prdr_sieve_arg_free (arg);
          return NULL;
        }
      prdr_sieve_lexer_next (&p->lx);
    }
  prdr_sieve_lexer_next (&p->lx);
  return arg;
}

/* argument = string-list / number / tag; NULL at the end of the arguments
 * (*failed FALSE) or on an error (*failed TRUE) */
static PrdrSieveArg *
prdr_sieve_parse_argument (PrdrSieveParser *p, gboolean *failed)
{
  PrdrSieveArg *arg = NULL;

  *failed = FALSE;
  switch (TOK (p))
    {
    case PRDR_SIEVE_TOKEN_LBRACKET:
      arg = prdr_sieve_parse_string_list (p);
      *failed = (arg == NULL);
      return arg;
    case PRDR_SIEVE_TOKEN_STRING:
      arg = prdr_sieve_parse_arg_new (p, PRDR_SIEVE_ARG_STRING);
      g_ptr_array_add (arg->strings, g_strdup (p->lx.token.text->str));
      break;
    case PRDR_SIEVE_TOKEN_NUMBER:
      arg = prdr_sieve_parse_arg_new (p, PRDR_SIEVE_ARG_NUMBER);
      arg->number = p->lx.token.number;
      break;
    case PRDR_SIEVE_TOKEN_TAG:
      arg = prdr_sieve_parse_arg_new (p, PRDR_SIEVE_ARG_TAG);
      arg->tag = g_strdup (p->lx.token.text->str);
      break;
    case PRDR_SIEVE_TOKEN_ERROR:
      *failed = TRUE;
      return NULL;
    default:
      return NULL;
    }
  prdr_sieve_lexer_next (&p->lx);
  return arg;
}

static PrdrSieveNode *
prdr_sieve_parse_node_new (PrdrSieveParser *p)
{
  PrdrSieveNode *node = g_new0 (PrdrSieveNode, 1);
  node->identifier = g_strdup (p->lx.token.text->str);
  node->line = p->lx.token.line;
  node->column = p->lx.token.column;
  node->args = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_arg_free);
  return node;
}

/* test-list = "(" test *("," test) ")" */
static gboolean
prdr_sieve_parse_test_list (PrdrSieveParser *p, PrdrSieveNode *node)
{
  prdr_sieve_lexer_next (&p->lx);
  for (;;)
    {
      PrdrSieveNode *test = prdr_sieve_parse_test (p);
      if (!test)
        return FALSE;
      g_ptr_array_add (node->tests, test);
      if (TOK (p) == PRDR_SIEVE_TOKEN_RPAREN)
        break;
      if (TOK (p) != PRDR_SIEVE_TOKEN_COMMA)
        {
          prdr_sieve_parse_expected (p, "',' or ')' in the test list");
          return FALSE;
        }
      prdr_sieve_lexer_next (&p->lx);
    }
  prdr_sieve_lexer_next (&p->lx);
  return TRUE;
}

/* arguments = *argument [ test / test-list ] */
static gboolean
prdr_sieve_parse_arguments (PrdrSieveParser *p, PrdrSieveNode *node)
{
  gboolean failed = FALSE;
  PrdrSieveArg *arg;

  while ((arg = prdr_sieve_parse_argument (p, &failed)) != NULL)
    {
      if (node->args->len >= PRDR_SIEVE_MAX_ARGUMENTS)
        {
          prdr_sieve_validator_error (p->v, arg->line, arg->column,
                                      "too many arguments for command '%s'",
                                      node->identifier);
          prdr_sieve_arg_free (arg);
          return FALSE;
        }
      g_ptr_array_add (node->args, arg);
    }
  if (failed)
    return FALSE;
  node->tests = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_node_free);
  if (TOK (p) != PRDR_SIEVE_TOKEN_LPAREN && TOK (p) != PRDR_SIEVE_TOKEN_IDENTIFIER)
    return TRUE;
  if (++p->test_depth > p->v->ctx->limits.max_nesting)
    {
      prdr_sieve_validator_error (p->v, p->lx.token.line, p->lx.token.column,
                                  "cannot nest tests deeper than %u levels",
                                  p->v->ctx->limits.max_nesting);
      p->test_depth--;
      return FALSE;
    }
  gboolean ok;
  if (TOK (p) == PRDR_SIEVE_TOKEN_LPAREN)
    ok = prdr_sieve_parse_test_list (p, node);
  else
    {
      PrdrSieveNode *test = prdr_sieve_parse_test (p);
      ok = test != NULL;
      if (test)
        g_ptr_array_add (node->tests, test);
    }
  p->test_depth--;
  return ok;
}

/* test = identifier arguments */
static PrdrSieveNode *
prdr_sieve_parse_test (PrdrSieveParser *p)
{
  PrdrSieveNode *node;

  if (TOK (p) != PRDR_SIEVE_TOKEN_IDENTIFIER)
    {
      prdr_sieve_parse_expected (p, "a test");
      return NULL;
    }
  node = prdr_sieve_parse_node_new (p);
  prdr_sieve_lexer_next (&p->lx);
  if (!prdr_sieve_parse_arguments (p, node))
    {
      prdr_sieve_node_free (node);
      return NULL;
    }
  return node;
}

/* block = "{" commands "}" */
static gboolean
prdr_sieve_parse_block (PrdrSieveParser *p, PrdrSieveNode *node)
{
  gboolean ok;

  if (++p->depth > p->v->ctx->limits.max_nesting)
    {
      prdr_sieve_validator_error (p->v, p->lx.token.line, p->lx.token.column,
                                  "cannot nest command blocks deeper than %u levels",
                                  p->v->ctx->limits.max_nesting);
      p->depth--;
      prdr_sieve_parse_recover (p);   /* skips the whole block */
      return FALSE;
    }
  prdr_sieve_lexer_next (&p->lx);
  node->block = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_node_free);
  ok = prdr_sieve_parse_commands (p, node->block, TRUE);
  p->depth--;
  if (!ok)
    return FALSE;
  if (TOK (p) != PRDR_SIEVE_TOKEN_RBRACE)
    {
      prdr_sieve_parse_expected (p, "'}' to close the block");
      return FALSE;
    }
  prdr_sieve_lexer_next (&p->lx);
  return TRUE;
}

/* command = identifier arguments (";" / block); NULL after an error */
static PrdrSieveNode *
prdr_sieve_parse_command (PrdrSieveParser *p)
{
  PrdrSieveNode *node = prdr_sieve_parse_node_new (p);

  prdr_sieve_lexer_next (&p->lx);
  if (!prdr_sieve_parse_arguments (p, node))
    goto fail;
  if (TOK (p) == PRDR_SIEVE_TOKEN_SEMICOLON)
    {
      prdr_sieve_lexer_next (&p->lx);
      return node;
    }
  if (TOK (p) == PRDR_SIEVE_TOKEN_LBRACE)
    {
      if (prdr_sieve_parse_block (p, node))
        return node;
      prdr_sieve_node_free (node);
      return NULL;
    }
  prdr_sieve_parse_expected (p, "';' or a block after the command arguments");
fail:
  prdr_sieve_node_free (node);
  prdr_sieve_parse_recover (p);
  return NULL;
}

/* commands = *command; stops at '}' inside a block, at EOF at top level.
 * FALSE when the error cap is reached. */
static gboolean
prdr_sieve_parse_commands (PrdrSieveParser *p, GPtrArray *out, gboolean in_block)
{
  for (;;)
    {
      if (prdr_sieve_parse_too_many (p))
        return FALSE;
      if (TOK (p) == PRDR_SIEVE_TOKEN_EOF)
        {
          if (in_block)
            {
              prdr_sieve_parse_expected (p, "'}' to close the block");
              return FALSE;
            }
          return TRUE;
        }
      if (TOK (p) == PRDR_SIEVE_TOKEN_RBRACE)
        {
          if (in_block)
            return TRUE;
          prdr_sieve_parse_expected (p, "a command");
          prdr_sieve_lexer_next (&p->lx);
          continue;
        }
      if (TOK (p) != PRDR_SIEVE_TOKEN_IDENTIFIER)
        {
          prdr_sieve_parse_expected (p, "a command");
          prdr_sieve_parse_recover (p);
          continue;
        }
      PrdrSieveNode *node = prdr_sieve_parse_command (p);
      if (node)
        g_ptr_array_add (out, node);
    }
}

GPtrArray *
prdr_sieve_parse (PrdrSieveValidator *v, const char *text, gsize length)
{
  PrdrSieveParser p = { .v = v };
  GPtrArray *commands =
    g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_node_free);

  prdr_sieve_lexer_init (&p.lx, text, length, v->ctx->limits.max_string_size,
                         prdr_sieve_parse_lex_error, v);
  prdr_sieve_lexer_next (&p.lx);
  prdr_sieve_parse_commands (&p, commands, FALSE);
  prdr_sieve_lexer_clear (&p.lx);
  return commands;
}
