"""Text helpers in one place: Persian normalisation and digits (``persian``), left-to-right runs
to isolate (``bidi``) and Jalali dates and clock times (``jalali``). Pure functions, no I/O."""
