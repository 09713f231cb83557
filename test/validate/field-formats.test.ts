import { checkFieldFormat } from '../../lib/validate/field-formats';

describe('checkFieldFormat', () => {
  it.each([
    ['containerPort', undefined, 1],
    ['containerPort', undefined, 65535],
    ['port', 'ports', 443],
    ['port', 'httpGet', 'http'],
    ['port', 'endpoints', 'http-metrics-with-a-long-service-port-name'],
    ['targetPort', 'ports', 'http'],
    ['number', 'port', 8080],
    ['nodePort', 'ports', 0],
    ['hostPort', 'ports', 0],
    ['maxSurge', 'rollingUpdate', '25%'],
    ['maxUnavailable', 'rollingUpdate', 0],
    ['minAvailable', 'spec', '100%'],
    ['replicas', 'spec', 70000],
  ])('accepts %s = %j', (field, parent, value) => {
    expect(checkFieldFormat(field, parent, value)).toBeUndefined();
  });

  it.each([
    ['containerPort', undefined, 0, 'port 0 is out of range: use a number from 1 to 65535'],
    ['containerPort', undefined, 65536, 'port 65536 is out of range: use a number from 1 to 65535'],
    ['endPort', 'ports', 70000, 'port 70000 is out of range: use a number from 1 to 65535'],
    ['number', 'port', -1, 'port -1 is out of range: use a number from 1 to 65535'],
    ['nodePort', 'ports', 70000, 'port 70000 is out of range: use a number from 1 to 65535'],
  ])('rejects %s = %j', (field, parent, value, message) => {
    expect(checkFieldFormat(field, parent, value)).toEqual({ rule: 'port-range', message });
  });

  it('requires container port names (targetPort) to be IANA service names of at most 15 characters', () => {
    expect(checkFieldFormat('targetPort', 'ports', 'metrics-endpoint')?.rule).toBe('port-range');
    expect(checkFieldFormat('targetPort', 'ports', 'Http')?.rule).toBe('port-range');
    expect(checkFieldFormat('targetPort', 'ports', '8080')?.rule).toBe('port-range');
    expect(checkFieldFormat('port', 'httpGet', 'Http_Port')?.rule).toBe('port-range');
  });

  it('requires the string form of percentage fields to end in %', () => {
    expect(checkFieldFormat('maxUnavailable', 'rollingUpdate', 'one')).toEqual({
      rule: 'int-or-string',
      message: '"one" must be a percentage like "25%" or a whole number',
    });
    expect(checkFieldFormat('maxSurge', 'rollingUpdate', '25')?.rule).toBe('int-or-string');
    expect(checkFieldFormat('minAvailable', 'spec', -1)?.rule).toBe('int-or-string');
  });
});
