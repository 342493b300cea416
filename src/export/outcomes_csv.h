/*
 * outcomes_csv.h - the evaluation figures as a CSV file (docs/outcomes.md):
 * /dashboard.csv (exact) and /service.csv (small numbers hidden).
 *
 * Columns: figure, team, level, month, breakdown, value, people, note.  One
 * row per figure x team x level x month x breakdown where the figure has
 * them; a blank month means the whole period (or "now" for open episodes
 * and overdue reviews).  With h set, a hidden count leaves value (or
 * people) blank with the note "fewer than 5", and a median, mean or rate
 * over fewer than 5 people leaves value blank with "fewer than 5 people".
 *
 * Ownership: nothing allocated; the buf's sticky error says whether it fitted.
 */
#ifndef CP_OUTCOMES_CSV_H
#define CP_OUTCOMES_CSV_H

#include "../domain/outcomes.h"
#include "../util/buf.h"

/* Writes the header and every row of o; team_name names the team (NULL:
 * "Every team"); h is NULL for exact counts. */
void csv_outcomes(struct buf *b, const struct outcomes *o, const struct outcomes_hidden *h, const char *team_name);

#endif
