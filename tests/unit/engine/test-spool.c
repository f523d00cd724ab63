/*
 * test-spool.c - the message spool as modules read it: headers and body
 * round-trip byte for byte (NUL bytes, 8-bit), header lookups, the GMime
 * view, limits, and a large message spooled without memory growth.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "engine.h"
#include "error.h"
#include "limits.h"

typedef struct {
  char *dir;
  PrdrConfig *config;
  PrdrEngine *engine;
  PrdrConnection *conn;
  PrdrTransaction *txn;
} Fixture;

static void
fixture_set_up (Fixture *f, const char *spooldir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  f->dir = g_dir_make_tmp ("prdr-spool-XXXXXX", &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("[general]\nspooldir = %s\n", spooldir ? spooldir : f->dir);
  f->config = prdr_config_load_data ("test.conf", text, &error);
  g_assert_no_error (error);
  f->engine = prdr_engine_new (f->config, &error);
  g_assert_no_error (error);
  f->conn = prdr_connection_new (f->engine, "192.0.2.1", "");
  f->txn = prdr_transaction_new (f->conn, "a@example.org", NULL);
}

static void
fixture_tear_down (Fixture *f)
{
  prdr_transaction_free (f->txn);
  prdr_connection_free (f->conn);
  prdr_engine_free (f->engine);
  prdr_config_free (f->config);
  /* the spool file was unlinked at once: the directory is empty */
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

/* read_message - the whole spooled message, through pread on its fd. */
static GBytes *
read_message (PrdrTransaction *txn)
{
  int fd = prdr_transaction_message_fd (txn);
  gsize size = (gsize) prdr_transaction_message_size (txn);
  char *data = g_malloc (size + 1);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, data, size + 1, 0), ==, (gssize) size);
  return g_bytes_new_take (data, size);
}

static void
spool_header (PrdrTransaction *txn, const char *name, const char *value)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_transaction_spool_header (txn, name, value, &error));
  g_assert_no_error (error);
}

static void
spool_body (PrdrTransaction *txn, const void *data, gsize length)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_transaction_spool_body (txn, data, length, &error));
  g_assert_no_error (error);
}

static void
spool_end (PrdrTransaction *txn)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_transaction_spool_end (txn, &error));
  g_assert_no_error (error);
}

static const char body[] = "line one\r\n\0nul\0inside\r\n\xff\xfe eight bit\r\n.\r\n";
static const char expected_headers[] =
  "From: Alice <alice@example.org>\r\n"
  "Subject: caf\xc3\xa9 8-bit\r\n"
  "X-Folded: first\r\n\tsecond\r\n"
  "X-Lead: already spaced\r\n"
  "X-Empty:\r\n"
  "\r\n";

static void
test_round_trip (void)
{
  Fixture f = { 0 };
  g_autoptr (GBytes) message = NULL;
  g_autoptr (GByteArray) expected = g_byte_array_new ();

  fixture_set_up (&f, NULL);
  spool_header (f.txn, "From", "Alice <alice@example.org>");
  spool_header (f.txn, "Subject", "caf\xc3\xa9 8-bit");
  spool_header (f.txn, "X-Folded", "first\n\tsecond");
  spool_header (f.txn, "X-Lead", " already spaced");
  spool_header (f.txn, "X-Empty", "");
  /* nothing to read before the end of the message */
  g_assert_cmpint (prdr_transaction_message_fd (f.txn), ==, -1);
  g_assert_null (prdr_transaction_header (f.txn, "From"));
  g_assert_null (prdr_transaction_message_mime (f.txn));
  spool_body (f.txn, body, 12);
  spool_body (f.txn, body + 12, sizeof body - 1 - 12);
  spool_end (f.txn);
  g_byte_array_append (expected, (const guint8 *) expected_headers, sizeof expected_headers - 1);
  g_byte_array_append (expected, (const guint8 *) body, sizeof body - 1);
  message = read_message (f.txn);
  g_assert_cmpmem (g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                   expected->data, expected->len);
  g_assert_cmpint (prdr_transaction_message_size (f.txn), ==, expected->len);
  /* header lookups: case-insensitive, raw (folding kept) */
  g_assert_cmpstr (prdr_transaction_header (f.txn, "x-folded"), ==, "first\r\n\tsecond");
  g_assert_cmpstr (prdr_transaction_header (f.txn, "SUBJECT"), ==, "caf\xc3\xa9 8-bit");
  g_assert_cmpstr (prdr_transaction_header (f.txn, "X-Empty"), ==, "");
  g_assert_null (prdr_transaction_header (f.txn, "X-Missing"));
  fixture_tear_down (&f);
}

static const char multipart[] =
  "--b1\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n"
  "--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
  "\r\naGVsbG8gd29ybGQ=\r\n--b1--\r\n";

static void
test_mime_view (void)
{
  Fixture f = { 0 };
  GMimeMessage *mime, *again;
  GMimeObject *body_part;
  GMimePart *attachment;
  GMimeStream *out;
  GByteArray *content;

  fixture_set_up (&f, NULL);
  spool_header (f.txn, "From", "alice@example.org");
  spool_header (f.txn, "Subject", "=?UTF-8?Q?caf=C3=A9?=");
  spool_header (f.txn, "MIME-Version", "1.0");
  spool_header (f.txn, "Content-Type", "multipart/mixed; boundary=b1");
  spool_body (f.txn, multipart, sizeof multipart - 1);
  spool_end (f.txn);
  mime = prdr_transaction_message_mime (f.txn);
  g_assert_nonnull (mime);
  again = prdr_transaction_message_mime (f.txn);
  g_assert_true (mime == again);
  g_assert_cmpstr (g_mime_message_get_subject (mime), ==, "caf\xc3\xa9");
  body_part = g_mime_message_get_mime_part (mime);
  g_assert_true (GMIME_IS_MULTIPART (body_part));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body_part)), ==, 2);
  attachment = GMIME_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body_part), 1));
  out = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (attachment), out);
  content = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  g_assert_cmpmem (content->data, content->len, "hello world", 11);
  g_object_unref (out);
  fixture_tear_down (&f);
}

/* resident_bytes - this process's resident set size. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto (GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  return (gsize) g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

/* The large message: this many chunks of this size, each a different byte
 * pattern with a NUL in it. */
#define LARGE_CHUNKS 512
#define LARGE_CHUNK_SIZE (64 * 1024)
/* How much the resident set may grow while it is spooled: the spool holds
 * one buffer of PRDR_SPOOL_BUFFER_SIZE; the rest is allocator slack. */
#define LARGE_RSS_GROWTH_MAX (4 * 1024 * 1024)

static void
fill_chunk (guint8 *chunk, guint index)
{
  for (gsize i = 0; i < LARGE_CHUNK_SIZE; i++)
    chunk[i] = (guint8) ((i * 31 + index * 7) % 251);
  chunk[index % LARGE_CHUNK_SIZE] = '\0';
}

static void
test_large_message (void)
{
  Fixture f = { 0 };
  g_autofree guint8 *chunk = g_malloc (LARGE_CHUNK_SIZE);
  g_autofree guint8 *block = g_malloc (LARGE_CHUNK_SIZE);
  g_autoptr (GChecksum) sent = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GChecksum) spooled = g_checksum_new (G_CHECKSUM_SHA256);
  const gsize header_size = strlen ("Subject: big\r\n\r\n");
  gsize before, after;
  int fd;

  fixture_set_up (&f, NULL);
  fill_chunk (chunk, 0);
  spool_header (f.txn, "Subject", "big");
  before = resident_bytes ();
  for (guint i = 0; i < LARGE_CHUNKS; i++)
    {
      fill_chunk (chunk, i);
      g_checksum_update (sent, chunk, LARGE_CHUNK_SIZE);
      spool_body (f.txn, chunk, LARGE_CHUNK_SIZE);
    }
  spool_end (f.txn);
  after = resident_bytes ();
  g_test_message ("resident set grew by %" G_GSIZE_FORMAT " octets", after - before);
  g_assert_cmpuint (after, <, before + LARGE_RSS_GROWTH_MAX);
  g_assert_cmpint (prdr_transaction_message_size (f.txn), ==,
                   header_size + (gsize) LARGE_CHUNKS * LARGE_CHUNK_SIZE);
  fd = prdr_transaction_message_fd (f.txn);
  for (guint i = 0; i < LARGE_CHUNKS; i++)
    {
      goffset at = header_size + (goffset) i * LARGE_CHUNK_SIZE;
      g_assert_cmpint (pread (fd, block, LARGE_CHUNK_SIZE, at), ==, LARGE_CHUNK_SIZE);
      g_checksum_update (spooled, block, LARGE_CHUNK_SIZE);
    }
  g_assert_cmpstr (g_checksum_get_string (spooled), ==, g_checksum_get_string (sent));
  g_assert_cmpstr (prdr_transaction_header (f.txn, "Subject"), ==, "big");
  fixture_tear_down (&f);
}

static void
test_header_limits (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = g_strnfill (PRDR_HEADER_SIZE_MAX, 'h');
  g_autofree char *megabyte = g_strnfill (1024 * 1024, 'm');

  fixture_set_up (&f, NULL);
  g_assert_false (prdr_transaction_spool_header (f.txn, "Bad:Name", "x", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_false (prdr_transaction_spool_header (f.txn, "X-Huge", huge, &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT);
  g_clear_error (&error);
  /* a 1 MB header line is kept */
  spool_header (f.txn, "X-Long", megabyte);
  for (guint i = 1; i < PRDR_HEADERS_MAX; i++)
    spool_header (f.txn, "X-Many", "v");
  g_assert_false (prdr_transaction_spool_header (f.txn, "X-One-Too-Many", "v", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_LIMIT);
  g_clear_error (&error);
  spool_body (f.txn, "body\r\n", 6);
  g_assert_false (prdr_transaction_spool_header (f.txn, "X-Late", "v", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL);
  spool_end (f.txn);
  g_assert_cmpuint (strlen (prdr_transaction_header (f.txn, "x-long")), ==, 1024 * 1024);
  fixture_tear_down (&f);
}

static void
test_empty_message (void)
{
  Fixture f = { 0 };
  g_autoptr (GBytes) message = NULL;

  fixture_set_up (&f, NULL);
  spool_end (f.txn);
  message = read_message (f.txn);
  g_assert_cmpmem (g_bytes_get_data (message, NULL), g_bytes_get_size (message), "\r\n", 2);
  fixture_tear_down (&f);
}

static void
test_spooldir_missing (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f, "/nonexistent/prdr-spool");
  g_assert_false (prdr_transaction_spool_header (f.txn, "Subject", "x", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_SPOOL);
  g_assert_nonnull (strstr (error->message, "/nonexistent/prdr-spool"));
  fixture_tear_down (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spool/round-trip", test_round_trip);
  g_test_add_func ("/spool/mime-view", test_mime_view);
  g_test_add_func ("/spool/large-message", test_large_message);
  g_test_add_func ("/spool/header-limits", test_header_limits);
  g_test_add_func ("/spool/empty-message", test_empty_message);
  g_test_add_func ("/spool/spooldir-missing", test_spooldir_missing);
  return g_test_run ();
}
