/*
 * spool.h - the message of one transaction, spooled to an unlinked file as
 * it streams in, read back with pread() and through a lazily parsed GMime
 * view.  Private to the engine; modules see prdr/transaction.h.
 */
#ifndef PRDR_ENGINE_SPOOL_H
#define PRDR_ENGINE_SPOOL_H

#include <gmime/gmime.h>

G_BEGIN_DECLS

typedef struct PrdrSpool PrdrSpool;

/* prdr_spool_new - an unlinked, private (0600) file in @dir (O_TMPFILE, or
 * mkstemp and unlink where the file system lacks it). */
PrdrSpool *prdr_spool_new (const char *dir, GError **error);
void prdr_spool_free (PrdrSpool *spool);

/* prdr_spool_add_header - "Name: value\r\n" (no space added when @value
 * already starts with white space or is empty; bare LF in a folded value
 * becomes CRLF).  Refuses names that are not printable ASCII without ':'
 * and more or larger headers than limits.h allows. */
gboolean prdr_spool_add_header (PrdrSpool *spool, const char *name, const char *value,
                                GError **error);
/* prdr_spool_add_body - a body chunk, copied as is (the blank line that
 * ends the headers is written before the first one). */
gboolean prdr_spool_add_body (PrdrSpool *spool, const guint8 *data, gsize length,
                              GError **error);
/* prdr_spool_finish - flush; after it the message can be read. */
gboolean prdr_spool_finish (PrdrSpool *spool, GError **error);

gboolean prdr_spool_finished (const PrdrSpool *spool);
int prdr_spool_fd (const PrdrSpool *spool);
goffset prdr_spool_size (const PrdrSpool *spool);
guint prdr_spool_header_count (const PrdrSpool *spool);
/* The raw value of the first header @name (case-insensitive) as spooled,
 * read back from the file on first use; NULL when absent or not finished.
 * Owned by the spool. */
const char *prdr_spool_header (PrdrSpool *spool, const char *name);
/* The GMime view, parsed on first use (thread-safe), or NULL. */
GMimeMessage *prdr_spool_mime (PrdrSpool *spool);

G_END_DECLS

#endif
