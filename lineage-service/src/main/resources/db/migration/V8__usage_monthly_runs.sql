-- Runs per product, month and job, one array element per day of the month, replacing the row per
-- product, day and job. A usage answer over 30 days reads at most two rows per job instead of one
-- per job and day, so its cost grows with the jobs (and with the days only a month at a time).
-- See docs/usage.md.
CREATE TABLE usage_monthly (
    product_id  TEXT   NOT NULL,
    month       DATE   NOT NULL,   -- the first day of the month
    job         TEXT   NOT NULL,   -- namespace/name
    runs        INT[]  NOT NULL,   -- runs[d]: distinct runs counted on day d; past the month's end 0
    PRIMARY KEY (product_id, month, job),
    CHECK (extract(day FROM month) = 1),
    CHECK (cardinality(runs) = 31 AND array_lower(runs, 1) = 1)
);

-- A month's runs from counts of some of its days: element days[k] gets counts[k] (a day named twice
-- gets both), every other element 0. Ingest adds the array it builds to the stored one.
CREATE FUNCTION usage_month_runs(days INT[], counts INT[]) RETURNS INT[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    runs INT[] := array_fill(0, ARRAY[31]);
BEGIN
    FOR k IN 1 .. cardinality(days) LOOP
        runs[days[k]] := runs[days[k]] + counts[k];
    END LOOP;
    RETURN runs;
END
$$;

INSERT INTO usage_monthly (product_id, month, job, runs)
SELECT product_id, day - extract(day FROM day)::int + 1, job,
       usage_month_runs(array_agg(extract(day FROM day)::int), array_agg(runs))
FROM usage_daily
GROUP BY product_id, day - extract(day FROM day)::int + 1, job;

DROP TABLE usage_daily;
