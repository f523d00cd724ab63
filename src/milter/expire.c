/*
 * expire.c - a thread that calls prdr_table_registry_expire() at a fixed
 * interval until it is stopped.  Waiting on a condition variable (not
 * sleeping) lets SIGTERM end the daemon without waiting for the interval.
 */
#include "expire.h"

#include "tables/registry.h"

struct PrdrMilterExpirer {
  GThread *thread;
  GMutex lock;
  GCond wake;
  /* Protected by @lock: set by prdr_milter_expirer_stop(). */
  gboolean stopping;
  /* The interval in microseconds (GLib's monotonic clock unit). */
  gint64 interval_us;
};

static gpointer
prdr_milter_expirer_run (gpointer data)
{
  PrdrMilterExpirer *expirer = data;

  g_mutex_lock (&expirer->lock);
  while (!expirer->stopping)
    {
      gint64 deadline = g_get_monotonic_time () + expirer->interval_us;
      while (!expirer->stopping && g_cond_wait_until (&expirer->wake, &expirer->lock, deadline))
        ;
      if (expirer->stopping)
        break;
      g_mutex_unlock (&expirer->lock);
      prdr_table_registry_expire (g_get_real_time () / G_USEC_PER_SEC);
      g_mutex_lock (&expirer->lock);
    }
  g_mutex_unlock (&expirer->lock);
  return NULL;
}

PrdrMilterExpirer *
prdr_milter_expirer_start (guint64 interval_seconds)
{
  if (interval_seconds == 0)
    return NULL;
  PrdrMilterExpirer *expirer = g_new0 (PrdrMilterExpirer, 1);
  g_mutex_init (&expirer->lock);
  g_cond_init (&expirer->wake);
  expirer->interval_us = (gint64) MIN (interval_seconds, (guint64) G_MAXINT32) * G_USEC_PER_SEC;
  expirer->thread = g_thread_new ("prdr-expire", prdr_milter_expirer_run, expirer);
  return expirer;
}

void
prdr_milter_expirer_stop (PrdrMilterExpirer *expirer)
{
  if (expirer == NULL)
    return;
  g_mutex_lock (&expirer->lock);
  expirer->stopping = TRUE;
  g_cond_signal (&expirer->wake);
  g_mutex_unlock (&expirer->lock);
  g_thread_join (expirer->thread);
  g_cond_clear (&expirer->wake);
  g_mutex_clear (&expirer->lock);
  g_free (expirer);
}
