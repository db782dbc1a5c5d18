"""我的工作 (my work): the staff landing page, one list of the tasks a person must do (ADR 0031)."""
