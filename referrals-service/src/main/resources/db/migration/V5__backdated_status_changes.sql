-- A referral taken over from paper is moved along its states on the day it is entered, but its
-- acceptance happened earlier: the day it happened, when staff give one. Visits are checked
-- against it, so a course of care entered late keeps its real dates.
ALTER TABLE referral_status_change ADD COLUMN occurred_on DATE NULL;
