"""Exports: the handout (Markdown or HTML), the pack as JSON, ClaimReview JSON-LD, session
results, and the class report built from several participants' results. No Textual."""
