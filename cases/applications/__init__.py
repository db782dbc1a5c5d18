"""Product protection applications (申请): from the applicant's draft to the register."""
