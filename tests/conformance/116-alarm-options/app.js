// Alarm and metric options the shared cases leave out: missing-data treatment, disabled
// actions, descriptions, units, statistic aliases and ranges, custom dimensions, a WebSocket
// API's generic metric, an added stage's labelled metric, an imported stage's metric, and the
// alarm's attributes.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_cloudwatch: cloudwatch } = cdk;
  const api = new apigwv2.HttpApi(stack, 'Api');
  const beta = api.addStage('beta', { stageName: 'beta' });
  const ws = new apigwv2.WebSocketApi(stack, 'Ws');
  const imported = apigwv2.HttpStage.fromHttpStageAttributes(stack, 'Imported', { api, stageName: 'legacy' });
  const a = new cloudwatch.Alarm(stack, 'Latency', {
    metric: api.metricLatency({ statistic: 'tm(10%:90%)', unit: cloudwatch.Unit.MILLISECONDS }),
    threshold: 800,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    actionsEnabled: false,
    alarmDescription: 'Trimmed mean latency ⏱',
  });
  beta.metricCount({ label: 'Beta requests', period: cdk.Duration.seconds(30) })
    .createAlarm(stack, 'BetaCount', { threshold: 1, evaluationPeriods: 2, comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD });
  ws.metric('ConnectCount', { statistic: 'avg', dimensionsMap: { ApiId: ws.apiId, Route: '$connect' } })
    .createAlarm(stack, 'Connects', { threshold: 100, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.IGNORE });
  imported.metricServerError().createAlarm(stack, 'LegacyErrors', { threshold: 5, evaluationPeriods: 1, evaluateLowSampleCountPercentile: 'ignore' });
  new cdk.CfnOutput(stack, 'AlarmName', { value: a.alarmName });
  new cdk.CfnOutput(stack, 'AlarmArn', { value: a.alarmArn });
};
