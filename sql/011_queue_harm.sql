-- The queue's order within a state: what is overdue first, then the most
-- harmful, then by the next deadline, then oldest first. The harm rank
-- is the worse of the harm reported (death 0 ... none 5) and, once
-- triaged, the SAC score (3 ranks with severe harm, 2 with moderate, 1
-- with mild); a report with neither comes last (6). QUEUE and this
-- index spell the rank alike, so that the index is used for it: under a
-- state and a rank, the cases overdue (next_due before today) and the
-- others are two ranges, each in the queue's order.
CREATE INDEX reports_queue_harm ON reports(state,
	min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
		WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
		WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
	    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
		ELSE 6 END),
	ifnull(next_due, 'none'), received, id);
