"""Reads on named attendees: what an association holds, its boards, deadlines and completion."""
