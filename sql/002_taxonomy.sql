-- The seeded taxonomy. A facility may add local codes to this table
-- (for example a category of its own) without recompiling; aerd reads it
-- at start and serves it at GET /v1/taxonomy.

INSERT INTO taxonomy (enumeration, code, label, ord) VALUES
-- AHRQ Common Formats
('event_type', 'incident', 'Incident (reached the patient)', 1),
('event_type', 'near_miss', 'Near miss (did not reach the patient)', 2),
('event_type', 'unsafe_condition', 'Unsafe condition', 3),
-- AHRQ Common Formats v1.2/v2.0 event categories
('category', 'blood', 'Blood or blood product', 1),
('category', 'device', 'Device or medical/surgical supply, incl. health IT', 2),
('category', 'fall', 'Fall', 3),
('category', 'infection', 'Healthcare-associated infection', 4),
('category', 'medication', 'Medication or other substance', 5),
('category', 'perinatal', 'Perinatal', 6),
('category', 'pressure_injury', 'Pressure injury', 7),
('category', 'surgery', 'Surgery', 8),
('category', 'anesthesia', 'Anesthesia', 9),
('category', 'vte', 'Venous thromboembolism', 10),
('category', 'other', 'Other', 11),
-- AHRQ Harm Scale v1.2
('harm', 'death', 'Death', 1),
('harm', 'severe', 'Severe harm', 2),
('harm', 'moderate', 'Moderate harm', 3),
('harm', 'mild', 'Mild harm', 4),
('harm', 'none', 'No harm', 5),
('harm', 'unknown', 'Unknown', 6),
-- NCC MERP index (medication events only)
('merp_category', 'A', 'A: circumstances that could cause error', 1),
('merp_category', 'B', 'B: error did not reach the patient', 2),
('merp_category', 'C', 'C: reached the patient, no harm', 3),
('merp_category', 'D', 'D: reached the patient, monitoring needed', 4),
('merp_category', 'E', 'E: temporary harm, intervention needed', 5),
('merp_category', 'F', 'F: temporary harm, hospitalisation', 6),
('merp_category', 'G', 'G: permanent harm', 7),
('merp_category', 'H', 'H: intervention to sustain life', 8),
('merp_category', 'I', 'I: contributed to death', 9),
-- VA NCPS Safety Assessment Code
('severity', 'catastrophic', 'Catastrophic', 1),
('severity', 'major', 'Major', 2),
('severity', 'moderate', 'Moderate', 3),
('severity', 'minor', 'Minor', 4),
('probability', 'frequent', 'Frequent', 1),
('probability', 'occasional', 'Occasional', 2),
('probability', 'uncommon', 'Uncommon', 3),
('probability', 'remote', 'Remote', 4),
-- VA NCPS triage questions
('contributing_factor', 'communication', 'Communication', 1),
('contributing_factor', 'training', 'Training', 2),
('contributing_factor', 'fatigue_scheduling', 'Fatigue or scheduling', 3),
('contributing_factor', 'environment_equipment', 'Environment or equipment', 4),
('contributing_factor', 'rules_policies', 'Rules, policies or procedures', 5),
('contributing_factor', 'barriers', 'Barriers', 6),
('contributing_factor', 'patient_factors', 'Patient factors', 7),
('contributing_factor', 'other', 'Other', 8),
-- RCA2 action hierarchy
('action_strength', 'stronger', 'Stronger', 1),
('action_strength', 'intermediate', 'Intermediate', 2),
('action_strength', 'weaker', 'Weaker', 3),
('reporter_role', 'nurse', 'Nurse', 1),
('reporter_role', 'physician', 'Physician', 2),
('reporter_role', 'pharmacist', 'Pharmacist', 3),
('reporter_role', 'allied_health', 'Allied health professional', 4),
('reporter_role', 'student', 'Student', 5),
('reporter_role', 'other', 'Other', 6);
