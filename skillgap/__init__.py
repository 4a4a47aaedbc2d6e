"""skillgap: what the job market asks for, what a CV lacks, and what to learn first."""

__version__ = "0.1.0"
