-- Every counted read updates its job's row (last read) and its month's row (runs per day). With
-- full pages the new version of a row lands on another page, and every index of the table gets a
-- new entry: in a benchmark of batches of 100 reads, half of usage_job's updates and a third of
-- usage_monthly's were of that kind. Leaving half of each page free keeps the new version on the
-- row's own page (a heap-only update: no index entry, less WAL), at the price of tables twice the
-- size of their rows (about 4 MB for 10,000 jobs). Pages written from now on keep the space; the
-- existing ones do once rewritten (VACUUM FULL), which is left to operators.
ALTER TABLE usage_job SET (fillfactor = 50);
ALTER TABLE usage_monthly SET (fillfactor = 50);
