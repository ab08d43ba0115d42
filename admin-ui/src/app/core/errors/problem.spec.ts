import { fieldErrors, ProblemError, problemMessage, toProblem, unwrap } from './problem';

const validation = {
  type: 'https://tasktrackr.dev/problems/validation-error',
  title: 'Your request is not valid',
  status: 400,
  detail: '2 fields failed validation',
  errors: [
    { path: 'title', message: 'title must be shorter than or equal to 200 characters' },
    { path: 'labels.0', message: 'each label must be at most 40 characters' },
    { path: 'title', message: 'title must not contain NUL' },
  ],
};

describe('problem mapping', () => {
  it('keys field messages by path, joining several for one field', () => {
    expect(fieldErrors(validation)).toEqual({
      title: 'title must be shorter than or equal to 200 characters title must not contain NUL',
      'labels.0': 'each label must be at most 40 characters',
    });
    expect(fieldErrors(null)).toEqual({});
  });

  it('passes a problem body through and prefers its detail for people', () => {
    expect(toProblem(validation)).toBe(validation);
    expect(problemMessage(validation)).toBe('2 fields failed validation');
    expect(problemMessage({ type: 'x', title: 'Not found', status: 404 })).toBe('Not found');
  });

  it('turns a network failure (fetch TypeError) into an offline problem', () => {
    const problem = toProblem(new TypeError('Failed to fetch'));
    expect(problem.title).toBe('You are offline');
    expect(problem.detail).toMatch(/could not be reached/);
  });

  it('turns anything else into a generic problem with the response status', () => {
    const response = new Response(null, { status: 502, statusText: 'Bad Gateway' });
    expect(toProblem(new Error('boom'), response)).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: 'boom',
    });
  });

  it('unwraps data, or throws the problem', () => {
    const ok = new Response('{}', { status: 200 });
    expect(unwrap({ data: { id: 1 }, response: ok })).toEqual({ id: 1 });
    const bad = new Response('{}', { status: 400 });
    try {
      unwrap({ error: validation, response: bad });
      throw new Error('unwrap did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).status).toBe(400);
      expect((error as ProblemError).message).toBe('2 fields failed validation');
    }
  });
});
