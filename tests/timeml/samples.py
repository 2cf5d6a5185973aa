"""A small TimeML document written for the TimeML tests, and its plain text."""

# A small TimeML document written for these tests: entities, an EVENT tag, gold TIMEX3, links.
SMALL = (
    '<?xml version="1.0" ?>\n'
    "<TimeML>\n"
    "<DOCID>small</DOCID>\n"
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
    "January 8, 1998</TIMEX3></DCT>\n"
    "<TEXT>\n"
    'AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> on '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> that sales rose 5&#37; '
    '&lt;in <TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>&gt;.\n'
    "</TEXT>\n"
    '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />\n'
    '<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />\n'
    "</TimeML>\n"
)
SMALL_PLAIN = "\nAT&T said on Wednesday that sales rose 5% <in 1997>.\n"
