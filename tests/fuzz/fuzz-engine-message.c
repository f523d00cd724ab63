/*
 * fuzz-engine-message.c - libFuzzer target for the message spool and the
 * lazily parsed MIME view (src/engine/spool.c): the path hostile message
 * content takes.
 *
 * Input: header lines "Name: value" up to the first empty line (a value
 * may hold folded lines: a line starting with SP or TAB continues the
 * previous header), then the body, spooled in chunks.  Properties beyond
 * ASan/UBSan: a header the spool accepts is found again by name with its
 * value (bare LF written as CRLF); the spool's size is what was written
 * back by pread; the MIME view can be walked and every part's content
 * decoded without error exits.
 */
#include <string.h>
#include <unistd.h>

#include "engine.h"

/* The body goes in chunks of this size, as the MTA sends it. */
#define FUZZ_CHUNK 4096

static PrdrEngine *fuzz_engine;
static PrdrConfig *fuzz_config;

static void
fuzz_setup (void)
{
  char *text = g_strdup_printf ("[general]\nspooldir = %s\n", g_get_tmp_dir ());

  fuzz_config = prdr_config_load_data ("fuzz.conf", text, NULL);
  fuzz_engine = prdr_engine_new (fuzz_config, NULL);
  g_free (text);
  if (fuzz_engine == NULL)
    __builtin_trap ();
}

/* fuzz_crlf - @value with bare LF as CRLF, as the spool writes it. */
static char *
fuzz_crlf (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '\n' && (p == value || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
fuzz_part (GMimeObject *parent, GMimeObject *part, gpointer data)
{
  GMimeStream *null = g_mime_stream_null_new ();

  (void) parent; (void) data;
  if (GMIME_IS_PART (part) && g_mime_part_get_content (GMIME_PART (part)) != NULL)
    g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (part)), null);
  g_object_unref (null);
}

/* fuzz_headers - spool the header lines of @lines until the empty one;
 * returns the index of the first body line. */
static guint
fuzz_headers (PrdrTransaction *txn, char **lines)
{
  guint i = 0;

  while (lines[i] != NULL && lines[i][0] != '\0')
    {
      g_autoptr (GString) value = NULL;
      char *colon = strchr (lines[i], ':');
      g_autofree char *name = colon ? g_strndup (lines[i], colon - lines[i]) : g_strdup (lines[i]);
      const char *stored;

      value = g_string_new (colon ? colon + 1 : "");
      for (i++; lines[i] != NULL && (lines[i][0] == ' ' || lines[i][0] == '\t'); i++)
        g_string_append_printf (value, "\n%s", lines[i]);
      if (!prdr_transaction_spool_header (txn, name, value->str, NULL))
        continue;
      stored = prdr_transaction_header (txn, name);
      /* nothing is readable before the end of message */
      if (stored != NULL)
        __builtin_trap ();
    }
  return lines[i] != NULL ? i + 1 : i;
}

/* fuzz_check_first_header - an unfolded first header that the spool took
 * is found again by name with its value. */
static void
fuzz_check_first_header (PrdrTransaction *txn, char **lines)
{
  const char *colon = lines[0] ? strchr (lines[0], ':') : NULL;
  g_autofree char *name = NULL, *expected = NULL;
  const char *stored;

  if (colon == NULL || lines[1] == NULL || lines[1][0] == ' ' || lines[1][0] == '\t')
    return;
  name = g_strndup (lines[0], colon - lines[0]);
  stored = prdr_transaction_header (txn, name);
  expected = fuzz_crlf (colon + 1);
  if (stored != NULL && strcmp (stored, expected) != 0)
    __builtin_trap ();
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  PrdrConnection *conn;
  PrdrTransaction *txn;
  GMimeMessage *mime;
  guint body_line;
  gsize offset = 0;

  if (fuzz_engine == NULL)
    fuzz_setup ();
  conn = prdr_connection_new (fuzz_engine, "192.0.2.1", "");
  txn = prdr_transaction_new (conn, "a@example.org", NULL);
  body_line = fuzz_headers (txn, lines);
  for (guint i = 0; i < body_line && lines[i] != NULL; i++)
    offset += strlen (lines[i]) + 1;
  offset = MIN (offset, size);
  for (gsize at = offset; at < size; at += FUZZ_CHUNK)
    if (!prdr_transaction_spool_body (txn, data + at, MIN (FUZZ_CHUNK, size - at), NULL))
      __builtin_trap ();
  if (!prdr_transaction_spool_end (txn, NULL))
    __builtin_trap ();
  fuzz_check_first_header (txn, lines);
  mime = prdr_transaction_message_mime (txn);
  if (mime != NULL)
    g_mime_message_foreach (mime, fuzz_part, NULL);
  prdr_transaction_free (txn);
  prdr_connection_free (conn);
  return 0;
}
