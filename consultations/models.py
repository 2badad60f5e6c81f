# Models arrive with the consultations issue (rounds, drafts, comments, outputs).
