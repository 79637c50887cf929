# The first page of common (2) and IdeaHub (13) users. Set MEETING_TOKEN to your X-Access-Token.
curl --get 'https://api.meeting.huaweicloud.com/v1/usg/dcs/corp/member' \
  --header "X-Access-Token: $MEETING_TOKEN" \
  --header 'Accept-Language: en-US' \
  --data 'offset=0' \
  --data 'limit=10' \
  --data 'userType=2' \
  --data 'userType=13'
