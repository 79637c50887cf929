# Disable (1) a Huawei Cloud Meeting account (accountType 0). Set MEETING_TOKEN to your X-Access-Token.
curl --request PUT 'https://api.meeting.huaweicloud.com/v1/usg/dcs/corp/member/status/1?accountType=0' \
  --header "X-Access-Token: $MEETING_TOKEN" \
  --header 'Accept-Language: en-US' \
  --header 'Content-Type: application/json' \
  --data '["test010"]'
