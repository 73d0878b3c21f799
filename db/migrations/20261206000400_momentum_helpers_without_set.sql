-- private.momentum and private.py_round2 go back to no SET clause (20261206000100 gave them
-- one): a SET clause is saved and restored on every call, and these two run once per open
-- application in my_top3(), whose p50 goal is 2 ms. Measured side by side over 200,000
-- calls: 2.06 s with it, 1.01 s without (5 µs a call, ~0.3 ms of a student's Top 3). Their
-- bodies name every schema and operator they use, so a caller's search path changes nothing;
-- tests/db/test_rls_matrix.py names them as the two exceptions.
alter function private.momentum(timestamptz, integer, timestamptz) reset search_path;
alter function private.py_round2(double precision) reset search_path;
